package io.stagegate.deploy;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** helm/stagegate driven by the real Helm library (lint, template), its renders cached per values file. */
final class Chart {
    static final Path DIRECTORY = Path.of("helm", "stagegate");
    static final Path CI_VALUES = DIRECTORY.resolve("ci");
    static final String RELEASE = "sg";
    static final String NAMESPACE = "revops";
    static final String TEST_HOOK = "templates/tests/test-health.yaml";

    private static final Map<Path, Manifests> RENDERED = new ConcurrentHashMap<>();

    private Chart() {
    }

    static LintResult lint() {
        return new Helm(DIRECTORY).lint().strict().call();
    }

    /** {@code helm template sg helm/stagegate -n revops -f <values>}; a failure carries Helm's message. */
    static String template(Path... valuesFiles) {
        var command = new Helm(DIRECTORY).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (Path values : valuesFiles) {
            command.withValuesFile(values.toAbsolutePath());
        }
        return command.call();
    }

    /** Like {@link #template(Path...)} with {@code --set key=value} overrides. */
    static Manifests render(Path values, Map<String, Object> overrides) {
        var command = new Helm(DIRECTORY).template().withName(RELEASE).withNamespace(NAMESPACE).withValuesFile(values.toAbsolutePath());
        overrides.forEach(command::set);
        return Manifests.parse(command.call(), "helm template -f " + values + " --set " + overrides);
    }

    /** What {@code helm install --dry-run=client} prints: the release summary and the rendered NOTES.txt. */
    static String installOutput(Path values) {
        return new Helm(DIRECTORY).install().withName(RELEASE).withNamespace(NAMESPACE).withDryRunOption(DryRun.CLIENT).clientOnly()
                .withValuesFile(values.toAbsolutePath()).call().getOutput();
    }

    /**
     * The {@code helm test} pod. helm-java's template leaves hooks out of its output, so the chart is copied with the
     * test's hook annotation renamed, which makes Helm render the pod as an ordinary manifest; the copy is otherwise
     * the chart itself.
     */
    static Manifests renderTestHookAsManifest(Path values) throws IOException {
        Path copy = Files.createTempDirectory("stagegate-chart-");
        try {
            try (Stream<Path> files = Files.walk(DIRECTORY)) {
                for (Path source : files.toList()) {
                    Path target = copy.resolve(DIRECTORY.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            Path test = copy.resolve(TEST_HOOK);
            String hook = "\"helm.sh/hook\": test";
            String text = Files.readString(test);
            if (!text.contains(hook)) {
                throw new AssertionError(TEST_HOOK + " is no longer a helm test hook (" + hook + ")");
            }
            Files.writeString(test, text.replace(hook, "\"stagegate.io/rendered-hook\": test"));
            String rendered = new Helm(copy).template().withName(RELEASE).withNamespace(NAMESPACE).withValuesFile(values.toAbsolutePath()).call();
            return Manifests.parse(rendered, "helm template (test hook as manifest) -f " + values);
        } finally {
            try (Stream<Path> files = Files.walk(copy)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    static Manifests render(Path values) {
        return RENDERED.computeIfAbsent(values, v -> Manifests.parse(template(v), "helm template -f " + v));
    }

    static Manifests render(String valuesFileName) {
        return render(CI_VALUES.resolve(valuesFileName));
    }

    /** Renders with values written to a temporary file (for the cases no example file covers). */
    static String templateWith(String valuesYaml) {
        try {
            Path file = Files.createTempFile("stagegate-values-", ".yaml");
            try {
                Files.writeString(file, valuesYaml);
                return template(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
