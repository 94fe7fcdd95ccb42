package io.stagegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * src/main/docker/Dockerfile.jvm, read as the instructions Docker would run (there is no Docker engine here): the
 * fast-jar layout in layers, a non-root user that matches the chart's, and JVM options that the chart keeps.
 */
class ContainerImageTest {
    private static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");
    private static final Path FAST_JAR = Path.of("target", "quarkus-app");
    private static final Pattern COPY = Pattern.compile("^COPY\\s+(?:--chown=(\\S+)\\s+)?(\\S+)\\s+(\\S+)$");

    record Instruction(String keyword, String arguments) {
    }

    static List<Instruction> instructions() {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : ServiceConfiguration.read(DOCKERFILE).split("\n")) {
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            pending.append(line.trim());
            if (line.endsWith("\\")) {
                pending.setLength(pending.length() - 1);
                continue;
            }
            String text = pending.toString();
            int space = text.indexOf(' ');
            instructions.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).trim()));
            pending.setLength(0);
        }
        return instructions;
    }

    @Test
    void copiesTheFastJarLayoutInLayersOwnedByTheRuntimeUser() {
        List<Matcher> copies = instructions().stream().filter(i -> i.keyword().equals("COPY"))
                .map(i -> COPY.matcher("COPY " + i.arguments())).toList();

        assertThat(copies).allSatisfy(copy -> {
            assertThat(copy.matches()).isTrue();
            assertThat(copy.group(1)).isEqualTo("185");
            assertThat(copy.group(3)).startsWith("/deployments/");
        });
        assertThat(copies).extracting(copy -> copy.group(2)).containsExactly(
                "target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/", "target/quarkus-app/quarkus/");
    }

    @Test
    void copiesWhatTheQuarkusBuildProducesWhenItHasRun() {
        // surefire runs before `package`: this checks a tree that an earlier `mvn package` left, and is skipped otherwise
        Assumptions.assumeTrue(Files.isRegularFile(FAST_JAR.resolve("quarkus-run.jar")), "no packaged application in target/");
        assertThat(FAST_JAR.resolve("lib")).isDirectory();
        assertThat(FAST_JAR.resolve("app")).isDirectory();
        assertThat(FAST_JAR.resolve("quarkus")).isDirectory();
    }

    @Test
    void runsAsTheNonRootUserTheChartExpects() {
        List<Instruction> instructions = instructions();
        Instruction lastUser = instructions.stream().filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b).orElseThrow();
        Container chart = HelmChartTest.container(Chart.render("minimal-values.yaml"));
        Long chartUser = Chart.render("minimal-values.yaml").single(io.fabric8.kubernetes.api.model.apps.Deployment.class)
                .getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();

        assertThat(lastUser.arguments()).isEqualTo("185");
        assertThat(chartUser).isEqualTo(185L);
        assertThat(instructions.indexOf(lastUser)).as("USER comes before the entrypoint")
                .isLessThan(indexOf(instructions, "ENTRYPOINT"));
        assertThat(instructions.stream().filter(i -> i.keyword().equals("EXPOSE")).findFirst().orElseThrow().arguments())
                .isEqualTo(String.valueOf(chart.getPorts().get(0).getContainerPort()));
    }

    @Test
    void keepsTheJvmContainerAwareAndItsTempDirOnTheWritableVolume() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (Instruction instruction : instructions()) {
            if (instruction.keyword().equals("ENV")) {
                String[] pair = instruction.arguments().split("=", 2);
                env.put(pair[0], pair[1].replaceAll("^\"|\"$", ""));
            }
        }
        String chartOptions = HelmChartTest.container(Chart.render("full-values.yaml")).getEnv().stream()
                .filter(v -> v.getName().equals("JAVA_OPTS_APPEND")).map(EnvVar::getValue).findFirst().orElseThrow();

        assertThat(env.get("JAVA_APP_JAR")).isEqualTo("/deployments/quarkus-run.jar");
        assertThat(env.get("JAVA_OPTS_APPEND")).contains("-XX:MaxRAMPercentage=", "-Djava.io.tmpdir=/tmp").doesNotContain("-Xmx");
        // the chart replaces the variable: it must keep the image's options and add its own after them
        assertThat(chartOptions).startsWith(env.get("JAVA_OPTS_APPEND")).endsWith("-XX:+UseG1GC -Xss512k");
    }

    @Test
    void sendsOnlyThePackagedApplicationToTheBuild() {
        List<String> rules = ServiceConfiguration.read(Path.of(".dockerignore")).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        assertThat(rules).containsExactly("*", "!target/quarkus-app");
    }

    private static int indexOf(List<Instruction> instructions, String keyword) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals(keyword)) {
                return i;
            }
        }
        throw new AssertionError("no " + keyword + " in " + DOCKERFILE);
    }
}
