package io.stagegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stagegate.playbook.PlaybookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kustomize, read the way kustomize would (there is no kustomize binary here): every resource and patch file
 * parses strictly as a Kubernetes object, the base is locked down exactly like the chart, and every variable it sets
 * is one the service reads.
 */
class KustomizeTest {
    private static final Path BASE = Path.of("deploy", "kustomize", "base");
    private static final Path OVERLAY = Path.of("deploy", "kustomize", "overlays", "example");

    @SuppressWarnings("unchecked")
    static Map<String, Object> kustomization(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        assertThat(file).as("kustomization.yaml in " + directory).isRegularFile();
        return new Yaml().load(ServiceConfiguration.read(file));
    }

    /** The resource and patch files a kustomization names (directories are other kustomizations, checked on their own). */
    @SuppressWarnings("unchecked")
    static List<Path> files(Path directory) {
        Map<String, Object> kustomization = kustomization(directory);
        List<Path> files = new ArrayList<>();
        for (Object resource : (List<Object>) kustomization.getOrDefault("resources", List.of())) {
            Path path = directory.resolve(resource.toString()).normalize();
            assertThat(path).as(directory + " names " + resource).exists();
            if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                assertThat(path.resolve("kustomization.yaml")).isRegularFile();
            }
        }
        for (Map<String, Object> patch : (List<Map<String, Object>>) kustomization.getOrDefault("patches", List.of())) {
            Path path = directory.resolve(patch.get("path").toString());
            assertThat(path).as(directory + " patches with " + patch.get("path")).isRegularFile();
            files.add(path);
        }
        return files;
    }

    static Manifests parsed(Path directory) {
        StringBuilder all = new StringBuilder();
        for (Path file : files(directory)) {
            Manifests.parse(ServiceConfiguration.read(file), file.toString());
            all.append(ServiceConfiguration.read(file)).append("\n---\n");
        }
        return Manifests.parse(all.toString(), directory.toString());
    }

    /** The literals of the generated ConfigMap {@code stagegate-env}, as kustomize merges the overlay over the base. */
    @SuppressWarnings("unchecked")
    static Map<String, String> envLiterals(Path... directories) {
        Map<String, String> literals = new LinkedHashMap<>();
        for (Path directory : directories) {
            for (Map<String, Object> generator : (List<Map<String, Object>>) kustomization(directory).getOrDefault("configMapGenerator", List.of())) {
                if (generator.get("name").equals("stagegate-env")) {
                    for (Object literal : (List<Object>) generator.get("literals")) {
                        String[] pair = literal.toString().split("=", 2);
                        literals.put(pair[0], pair[1]);
                    }
                }
            }
        }
        return literals;
    }

    @Test
    void everyResourceAndPatchParsesAsAKubernetesObject() {
        assertThat(parsed(BASE).kinds()).containsExactlyInAnyOrder(
                "ServiceAccount/stagegate", "Deployment/stagegate", "Service/stagegate", "PodDisruptionBudget/stagegate", "NetworkPolicy/stagegate");
        assertThat(parsed(OVERLAY).kinds()).contains("Ingress/stagegate", "Deployment/stagegate", "NetworkPolicy/stagegate");
    }

    @Test
    void theBaseIsLockedDownAndProbedExactlyLikeTheChart() {
        Deployment base = parsed(BASE).single(Deployment.class);
        PodSpec pod = base.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        Deployment chart = Chart.render("minimal-values.yaml").single(Deployment.class);
        PodSpec chartPod = chart.getSpec().getTemplate().getSpec();
        Container chartContainer = chartPod.getContainers().get(0);

        assertThat(pod.getSecurityContext()).isEqualTo(chartPod.getSecurityContext());
        assertThat(container.getSecurityContext()).isEqualTo(chartContainer.getSecurityContext());
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(container.getStartupProbe()).isEqualTo(chartContainer.getStartupProbe());
        assertThat(container.getReadinessProbe()).isEqualTo(chartContainer.getReadinessProbe());
        assertThat(container.getLivenessProbe()).isEqualTo(chartContainer.getLivenessProbe());
        assertThat(container.getPorts()).isEqualTo(chartContainer.getPorts());
        assertThat(container.getResources()).isEqualTo(chartContainer.getResources());
        assertThat(container.getVolumeMounts()).isEqualTo(chartContainer.getVolumeMounts());
        assertThat(pod.getVolumes()).isEqualTo(chartPod.getVolumes());
        assertThat(env(container, "JAVA_OPTS_APPEND")).isEqualTo(env(chartContainer, "JAVA_OPTS_APPEND"));
        // the same credentials from the operator's Secret, the same one required
        List<EnvVar> secrets = container.getEnv().stream().filter(v -> v.getValueFrom() != null).toList();
        List<EnvVar> chartSecrets = Chart.render("existing-secret-values.yaml").single(Deployment.class).getSpec().getTemplate()
                .getSpec().getContainers().get(0).getEnv().stream().filter(v -> v.getValueFrom() != null).toList();
        assertThat(secrets).extracting(EnvVar::getName).containsExactlyElementsOf(ChartSecrets.KEYS);
        for (int i = 0; i < secrets.size(); i++) {
            assertThat(secrets.get(i).getValueFrom().getSecretKeyRef().getKey()).isEqualTo(chartSecrets.get(i).getValueFrom().getSecretKeyRef().getKey());
            assertThat(Boolean.TRUE.equals(secrets.get(i).getValueFrom().getSecretKeyRef().getOptional()))
                    .isEqualTo(chartSecrets.get(i).getValueFrom().getSecretKeyRef().getOptional());
            assertThat(secrets.get(i).getValueFrom().getSecretKeyRef().getName()).isEqualTo("stagegate-credentials");
        }
    }

    @Test
    void setsOnlyVariablesTheServiceReadsAndSwitchesTheEmbeddedPartsOff() {
        Map<String, String> base = envLiterals(BASE);
        Map<String, String> overlay = envLiterals(BASE, OVERLAY);
        Set<String> unknown = new TreeSet<>(overlay.keySet());
        unknown.removeAll(ServiceConfiguration.environmentVariables());

        assertThat(unknown).as("variables nothing reads (a typo?)").isEmpty();
        assertThat(base).containsEntry("STAGEGATE_SANDBOX_ENABLED", "false").containsEntry("STAGEGATE_MODE", "service")
                .containsKeys("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME");
        assertThat(overlay.get("QUARKUS_DATASOURCE_JDBC_URL")).isEqualTo("jdbc:" + overlay.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertThat(overlay.keySet()).doesNotContainAnyElementsOf(ChartSecrets.KEYS);
        assertThat(base.get("PORT")).isEqualTo(String.valueOf(
                parsed(BASE).single(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getContainerPort()));
    }

    @Test
    void theOverlayMountsAValidPlaybookWhereTheServiceReadsIt() {
        Map<String, String> overlay = envLiterals(BASE, OVERLAY);
        Container patched = parsed(OVERLAY).single(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(patched.getVolumeMounts()).anySatisfy(mount ->
                assertThat(overlay.get("STAGEGATE_PLAYBOOK_FILE")).isEqualTo(mount.getMountPath() + "/playbook.yaml"));
        assertThat(PlaybookLoader.validate(ServiceConfiguration.read(OVERLAY.resolve("playbook.yaml")))).isEmpty();
        assertThat(kustomization(OVERLAY).toString()).contains("newName=", "name=stagegate,");
        assertThat(parsed(BASE).single(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .startsWith("stagegate:");
    }

    @Test
    void theChartsInlinePlaybookExampleIsValidToo() {
        ConfigMap playbook = Chart.render("full-values.yaml").named(ConfigMap.class, "stagegate-playbook").orElseThrow();

        assertThat(PlaybookLoader.validate(playbook.getData().get("playbook.yaml"))).isEmpty();
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(v -> v.getName().equals(name)).map(EnvVar::getValue).findFirst().orElseThrow();
    }
}
