package io.stagegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The chart as Helm itself lints and renders it, every rendered manifest parsed strictly with the Kubernetes model. */
class HelmChartTest {

    static Stream<Path> exampleValues() {
        try (Stream<Path> files = Files.list(Chart.CI_VALUES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void lintsCleanWithItsDefaults() {
        LintResult lint = Chart.lint();

        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    }

    @Test
    void refusesToInstallWithoutAnExternalDatabase() {
        // the defaults alone would leave the service on its embedded PostgreSQL, whose data dies with the pod
        assertThatThrownBy(Chart::template)
                .hasMessageContaining("database.host is required")
                .hasMessageContaining("postgresqlTrial.enabled");
    }

    @Test
    void refusesADatabasePasswordThatIsNeitherGivenNorInAnExistingSecret() {
        assertThatThrownBy(() -> Chart.templateWith("database:\n  host: pg\n"))
                .hasMessageContaining("secrets.values.QUARKUS_DATASOURCE_PASSWORD is required");
    }

    @Test
    void refusesAMisspeltKeyThroughItsSchema() {
        assertThatThrownBy(() -> Chart.templateWith("database:\n  host: pg\n  hots: pg2\n"))
                .hasMessageContaining("hots");
        assertThatThrownBy(() -> Chart.templateWith("database:\n  host: pg\nsync:\n  writeBack: always\n"))
                .hasMessageContaining("writeBack");
    }

    @ParameterizedTest
    @MethodSource("exampleValues")
    void rendersEveryExampleIntoValidKubernetesObjects(Path values) {
        Manifests manifests = Chart.render(values);

        assertThat(manifests.ofType(Deployment.class)).hasSize(1);
        assertThat(manifests.ofType(Service.class)).isNotEmpty();
        assertThat(manifests.kinds()).allSatisfy(name -> assertThat(name).doesNotContain("null"));
    }

    @ParameterizedTest
    @MethodSource("exampleValues")
    void runsLockedDown(Path values) {
        Deployment deployment = Chart.render(values).single(Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getResources().getLimits()).containsKey("memory");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        // the root filesystem is read-only: uploads spool to an emptyDir on /tmp, and the JVM's temp dir is there
        Volume tmp = pod.getVolumes().stream().filter(v -> v.getName().equals("tmp")).findFirst().orElseThrow();
        assertThat(tmp.getEmptyDir()).isNotNull();
        assertThat(tmp.getEmptyDir().getSizeLimit()).isNotNull();
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo("tmp");
            assertThat(mount.getMountPath()).isEqualTo("/tmp");
        });
        assertThat(env(container, "JAVA_OPTS_APPEND")).contains("-Djava.io.tmpdir=/tmp");
        for (ServiceAccount account : Chart.render(values).ofType(ServiceAccount.class)) {
            assertThat(account.getAutomountServiceAccountToken()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("exampleValues")
    void probesAndPortsMatchTheService(Path values) {
        Manifests manifests = Chart.render(values);
        Container container = container(manifests);
        Map<String, String> settings = envConfigMap(manifests).getData();
        int port = container.getPorts().get(0).getContainerPort();

        assertThat(container.getPorts().get(0).getName()).isEqualTo("http");
        assertThat(settings).containsEntry("PORT", String.valueOf(port));
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        Stream.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())
                .forEach(probe -> assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http"));
        Service service = manifests.named(Service.class, deploymentName(manifests)).orElseThrow();
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
        assertThat(service.getSpec().getSelector()).isEqualTo(
                manifests.single(Deployment.class).getSpec().getSelector().getMatchLabels());
    }

    @Test
    void probesAndScrapesThePathsTheServiceServes() {
        // the chart, the kustomize base and the compose health checks use Quarkus' default paths under /q
        String properties = ServiceConfiguration.read(Path.of("src", "main", "resources", "application.properties"));

        assertThat(properties.lines().filter(line -> !line.startsWith("#")).toList()).noneSatisfy(line -> assertThat(line).containsAnyOf(
                "quarkus.http.root-path", "quarkus.http.non-application-root-path", "quarkus.smallrye-health.root-path",
                "quarkus.smallrye-health.liveness-path", "quarkus.smallrye-health.readiness-path", "quarkus.smallrye-health.startup-path",
                "quarkus.micrometer.export.prometheus.path"));
        assertThat(properties).contains("quarkus.http.port=${PORT:8080}");
    }

    @ParameterizedTest
    @MethodSource("exampleValues")
    void turnsOffTheEmbeddedSandboxAndDatabase(Path values) {
        Map<String, String> settings = envConfigMap(Chart.render(values)).getData();

        assertThat(settings).containsEntry("STAGEGATE_SANDBOX_ENABLED", "false").containsEntry("STAGEGATE_MODE", "service");
        assertThat(settings.get("QUARKUS_DATASOURCE_REACTIVE_URL")).startsWith("postgresql://");
        assertThat(settings.get("QUARKUS_DATASOURCE_JDBC_URL")).isEqualTo("jdbc:" + settings.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
    }

    @ParameterizedTest
    @MethodSource("exampleValues")
    void keepsEverySecretOutOfConfigMaps(Path values) throws IOException {
        Manifests manifests = Chart.render(values);
        List<String> secretValues = manifests.ofType(Secret.class).stream()
                .flatMap(secret -> secret.getData() == null ? Stream.empty() : secret.getData().values().stream())
                .map(encoded -> new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))
                .toList();
        String valuesText = Files.readString(values);

        for (ConfigMap map : manifests.ofType(ConfigMap.class)) {
            assertThat(map.getData().keySet()).doesNotContainAnyElementsOf(ChartSecrets.KEYS);
            for (String value : map.getData().values()) {
                secretValues.forEach(secret -> assertThat(value).doesNotContain(secret.strip()));
                assertThat(value).doesNotContain("ci-only");
            }
        }
        if (valuesText.contains("ci-only")) {
            assertThat(secretValues).as("the example's credentials went into the Secret").isNotEmpty();
        }
        for (EnvVar variable : container(manifests).getEnv()) {
            if (ChartSecrets.KEYS.contains(variable.getName())) {
                assertThat(variable.getValue()).as(variable.getName()).isNull();
                assertThat(variable.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(variable.getName());
            }
        }
    }

    @Test
    void readsEveryCredentialFromTheOperatorsOwnSecret() {
        Manifests manifests = Chart.render("existing-secret-values.yaml");
        Container container = container(manifests);

        assertThat(manifests.ofType(Secret.class)).isEmpty();
        assertThat(manifests.single(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations())
                .doesNotContainKey("checksum/secret");
        List<EnvVar> fromSecret = container.getEnv().stream().filter(v -> v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null).toList();
        assertThat(fromSecret).extracting(EnvVar::getName).containsExactlyInAnyOrderElementsOf(ChartSecrets.KEYS);
        assertThat(fromSecret).allSatisfy(v -> {
            assertThat(v.getValueFrom().getSecretKeyRef().getName()).isEqualTo("stagegate-credentials");
            // only the database password must exist; a push endpoint without its secret answers 503
            assertThat(v.getValueFrom().getSecretKeyRef().getOptional()).isEqualTo(!v.getName().equals("QUARKUS_DATASOURCE_PASSWORD"));
        });
    }

    @Test
    void rollsThePodsWhenThePlaybookOrACredentialChanges() {
        Path full = Chart.CI_VALUES.resolve("full-values.yaml");
        Map<String, String> before = podAnnotations(Chart.render(full));
        Map<String, String> newPlaybook = podAnnotations(Chart.render(full, Map.of("playbook.inline", "name: Another journey\ncrm: salesforce\n")));
        Map<String, String> newSecret = podAnnotations(Chart.render(full, Map.of("secrets.values.STAGEGATE_HUBSPOT_CLIENT_SECRET", "ci-only-rotated")));

        assertThat(before.get("checksum/config")).matches("[0-9a-f]{64}");
        assertThat(before.get("checksum/secret")).matches("[0-9a-f]{64}");
        assertThat(newPlaybook.get("checksum/config")).isNotEqualTo(before.get("checksum/config"));
        assertThat(newPlaybook.get("checksum/secret")).isEqualTo(before.get("checksum/secret"));
        assertThat(newSecret.get("checksum/secret")).isNotEqualTo(before.get("checksum/secret"));
        assertThat(newSecret.get("checksum/config")).isEqualTo(before.get("checksum/config"));
    }

    @Test
    void writesNumbersTheWayTheServiceParsesThem() {
        Map<String, String> settings = envConfigMap(Chart.render("full-values.yaml")).getData();

        // YAML numbers reach Helm as floats: a large one must not turn into 2e+06
        assertThat(settings).containsEntry("STAGEGATE_SYNC_RELAY_BATCH", "2000000")
                .containsEntry("STAGEGATE_SALESFORCE_PAGE_SIZE", "1000")
                .containsEntry("STAGEGATE_SALESFORCE_QUOTA_STOP_SHARE", "0.7")
                .containsEntry("PORT", "8081");
    }

    @Test
    void mountsTheInlinePlaybookWhereTheServiceReadsIt() {
        Manifests manifests = Chart.render("full-values.yaml");
        ConfigMap playbook = manifests.named(ConfigMap.class, "stagegate-playbook").orElseThrow();
        String file = envConfigMap(manifests).getData().get("STAGEGATE_PLAYBOOK_FILE");
        Container container = container(manifests);

        assertThat(playbook.getData().get("playbook.yaml")).startsWith("name: Acme buyer journey");
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(file).isEqualTo(mount.getMountPath() + "/playbook.yaml");
            assertThat(mount.getReadOnly()).isTrue();
        });
    }

    @Test
    void derivesTheHubSpotWebhookBaseUrlFromTheIngressHost() {
        Manifests manifests = Chart.render("existing-secret-values.yaml");
        Ingress ingress = manifests.single(Ingress.class);

        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("stagegate.acme.example");
        assertThat(envConfigMap(manifests).getData()).containsEntry("STAGEGATE_HUBSPOT_WEBHOOK_BASE_URL", "https://stagegate.acme.example");
        assertThat(envConfigMap(Chart.render("full-values.yaml")).getData())
                .containsEntry("STAGEGATE_HUBSPOT_WEBHOOK_BASE_URL", "https://hooks.acme.example");
        assertThat(envConfigMap(Chart.render("minimal-values.yaml")).getData()).doesNotContainKey("STAGEGATE_HUBSPOT_WEBHOOK_BASE_URL");
    }

    @Test
    void scalesOutWithAnAutoscalerAndADisruptionBudget() {
        Manifests full = Chart.render("full-values.yaml");
        HorizontalPodAutoscaler hpa = full.single(HorizontalPodAutoscaler.class);

        assertThat(full.single(Deployment.class).getSpec().getReplicas()).as("the autoscaler owns the replica count").isNull();
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("stagegate");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(full.single(PodDisruptionBudget.class).getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(Chart.render("minimal-values.yaml").single(PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        // one replica with minAvailable 1 would block every node drain
        assertThat(Chart.render("trial-database-values.yaml").ofType(PodDisruptionBudget.class)).isEmpty();
    }

    @Test
    void scrapesMetricsAndRaisesAlertsWhenMonitoringIsOn() {
        Manifests full = Chart.render("full-values.yaml");

        var monitor = full.custom("ServiceMonitor").orElseThrow();
        @SuppressWarnings("unchecked")
        var endpoint = ((List<Map<String, Object>>) ((Map<String, Object>) monitor.getAdditionalProperties().get("spec")).get("endpoints")).get(0);
        // full-values.yaml declares an image built with the management interface: metrics are scraped there
        assertThat(endpoint).containsEntry("path", "/q/metrics").containsEntry("port", "management");
        var service = full.single(io.fabric8.kubernetes.api.model.Service.class).getSpec().getPorts();
        assertThat(service).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("management");
            assertThat(port.getPort()).isEqualTo(9090);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("management");
        });
        assertThat(container(full).getPorts()).anySatisfy(port -> assertThat(port.getContainerPort()).isEqualTo(9090));
        assertThat(envConfigMap(full).getData()).containsEntry("STAGEGATE_MANAGEMENT_PORT", "9090");
        // the probes stay on the http port: health is not moved
        assertThat(container(full).getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        var onHttp = Chart.render(Chart.CI_VALUES.resolve("minimal-values.yaml"), Map.of("serviceMonitor.enabled", "true")).custom("ServiceMonitor").orElseThrow();
        assertThat(onHttp.getAdditionalProperties().get("spec").toString()).contains("port=http").doesNotContain("management");
        String rules = full.custom("PrometheusRule").orElseThrow().getAdditionalProperties().get("spec").toString();
        assertThat(rules).contains("stagegate_sync_lag_seconds", "stagegate_sync_dead_letters_total", "stagegate_crm_quota_used", "stagegate_sync_healthy");
        assertThat(Chart.render("minimal-values.yaml").custom("ServiceMonitor")).isEmpty();
    }

    @Test
    void letsOnlyTheHttpPortInAndRestrictsEgressWhenAsked() {
        NetworkPolicy minimal = Chart.render("minimal-values.yaml").single(NetworkPolicy.class);
        NetworkPolicy full = Chart.render("full-values.yaml").single(NetworkPolicy.class);

        assertThat(minimal.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(minimal.getSpec().getIngress().get(0).getPorts().get(0).getPort().getStrVal()).isEqualTo("http");
        assertThat(full.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(full.getSpec().getIngress().get(0).getFrom()).hasSize(2);
        // the management port (metrics) only for the monitoring namespace; without it no such rule
        assertThat(full.getSpec().getIngress()).hasSize(2);
        assertThat(full.getSpec().getIngress().get(1).getPorts().get(0).getPort().getStrVal()).isEqualTo("management");
        assertThat(full.getSpec().getIngress().get(1).getFrom()).singleElement()
                .satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "monitoring"));
        assertThat(minimal.getSpec().getIngress()).hasSize(1);
        assertThat(full.getSpec().getEgress()).anySatisfy(rule -> assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(6432));
    }

    @Test
    void offersAClearlyMarkedTrialDatabase() {
        Manifests trial = Chart.render("trial-database-values.yaml");
        StatefulSet database = trial.single(StatefulSet.class);
        Map<String, String> settings = envConfigMap(trial).getData();

        assertThat(database.getMetadata().getAnnotations()).containsEntry("stagegate.io/trial-only", "true");
        assertThat(settings.get("QUARKUS_DATASOURCE_JDBC_URL")).isEqualTo("jdbc:postgresql://sg-stagegate-postgresql-trial:5432/stagegate");
        assertThat(database.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(trial.single(Secret.class).getData()).containsKey("QUARKUS_DATASOURCE_PASSWORD");
        assertThat(Chart.render("minimal-values.yaml").ofType(StatefulSet.class)).isEmpty();
        assertThatThrownBy(() -> Chart.templateWith("database:\n  host: pg\npostgresqlTrial:\n  enabled: true\n"))
                .hasMessageContaining("not both");
    }

    @Test
    void shipsAHelmTestThatAsksForReadiness() throws IOException {
        Manifests manifests = Chart.renderTestHookAsManifest(Chart.CI_VALUES.resolve("minimal-values.yaml"));
        Pod test = manifests.single(Pod.class);

        assertThat(test.getMetadata().getAnnotations()).containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
        assertThat(String.join(" ", test.getSpec().getContainers().get(0).getCommand()))
                .contains("http://sg-stagegate:80/q/health/ready");
        assertThat(test.getMetadata().getLabels()).as("the Service must not route to the test pod")
                .doesNotContainEntry("app.kubernetes.io/component", "service");
        assertThat(test.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(test.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    }

    @Test
    void tellsTheInstallerWhatToDoNext() {
        String minimal = Chart.installOutput(Chart.CI_VALUES.resolve("minimal-values.yaml"));
        String trial = Chart.installOutput(Chart.CI_VALUES.resolve("trial-database-values.yaml"));
        String connected = Chart.installOutput(Chart.CI_VALUES.resolve("existing-secret-values.yaml"));

        assertThat(minimal).contains("rollout status deployment/sg-stagegate", "No CRM is connected yet", "helm test sg -n revops")
                .doesNotContain("TRIAL");
        assertThat(trial).contains("WARNING: the database is the TRIAL PostgreSQL");
        assertThat(connected).contains("SHADOW mode", "https://stagegate.acme.example/webhooks/hubspot");
    }

    static Container container(Manifests manifests) {
        return manifests.single(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static ConfigMap envConfigMap(Manifests manifests) {
        String name = manifests.single(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getEnvFrom().get(0).getConfigMapRef().getName();
        return manifests.named(ConfigMap.class, name).orElseThrow();
    }

    private static String deploymentName(Manifests manifests) {
        return manifests.single(Deployment.class).getMetadata().getName();
    }

    private static Map<String, String> podAnnotations(Manifests manifests) {
        return manifests.single(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations();
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(v -> v.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in the container's env"));
    }
}
