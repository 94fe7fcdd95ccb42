package io.stagegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** values.schema.json read by a JSON-schema library, independently of Helm: strict at every level, and right. */
class ValuesSchemaTest {
    private static final Path SCHEMA = Chart.DIRECTORY.resolve("values.schema.json");
    private static final Path VALUES = Chart.DIRECTORY.resolve("values.yaml");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(Files.readString(SCHEMA), InputFormat.JSON);
    }

    /** Validates values as Helm sees them: the given YAML merged over the chart's values.yaml. */
    private static List<Error> validate(String yaml) throws IOException {
        JsonNode merged = YAML.readTree(Files.readString(VALUES));
        merge((ObjectNode) merged, YAML.readTree(yaml));
        return schema().validate(merged);
    }

    private static void merge(ObjectNode target, JsonNode overrides) {
        for (String name : overrides.propertyNames()) {
            JsonNode value = overrides.get(name);
            if (value.isObject() && target.get(name) instanceof ObjectNode existing) {
                merge(existing, value);
            } else {
                target.set(name, value);
            }
        }
    }

    static List<Path> exampleValues() {
        return HelmChartTest.exampleValues().toList();
    }

    @Test
    void acceptsTheChartDefaults() throws IOException {
        assertThat(schema().validate(YAML.readTree(Files.readString(VALUES)))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("exampleValues")
    void acceptsEveryExample(Path values) throws IOException {
        assertThat(validate(Files.readString(values))).isEmpty();
    }

    @Test
    void refusesUnknownKeysAtEveryLevel() throws IOException {
        List<String> levels = new ArrayList<>();
        collectObjectLevels(new JsonMapper().readTree(Files.readString(SCHEMA)), "", levels);

        assertThat(levels).as("object levels of the schema").hasSizeGreaterThan(30);
        assertThat(validate("replicaCount: 2\n")).isEmpty();
        assertThat(validate("replicaCuont: 2\n")).extracting(Error::getMessage).anySatisfy(m -> assertThat(m).contains("replicaCuont"));
        assertThat(validate("sync:\n  writeback: on\n")).extracting(Error::getMessage).anySatisfy(m -> assertThat(m).contains("writeback"));
        assertThat(validate("securityContext:\n  readOnlyRootFileSystem: false\n")).isNotEmpty();
        assertThat(validate("probes:\n  readiness:\n    path: /q/health/ready\n    periodSeconds: 10\n    timeoutSeconds: 3\n"
                + "    failureThreshold: 3\n    initialDelay: 5\n")).isNotEmpty();
    }

    @Test
    void refusesWrongValues() throws IOException {
        // each wrong value, with the key the schema must name (no password flow, pages of at most 2000, an org id is 00D...)
        Map<String, String> wrong = Map.of(
                "sync:\n  writeBack: always\n", "writeBack",
                "salesforce:\n  authFlow: password\n", "authFlow",
                "salesforce:\n  pageSize: 5000\n", "pageSize",
                "salesforce:\n  organizationId: '12345'\n", "organizationId",
                "sync:\n  pollInterval: fifteen seconds\n", "pollInterval",
                "replicaCount: two\n", "replicaCount",
                "playbook:\n  crm: pipedrive\n", "crm",
                "hubspot:\n  webhookBaseUrl: hooks.acme.example\n", "webhookBaseUrl",
                "image:\n  digest: latest\n", "digest",
                "oidc:\n  authServerUrl: login.acme.example\n", "authServerUrl");
        for (Map.Entry<String, String> entry : wrong.entrySet()) {
            assertThat(validate(entry.getKey())).as(entry.getKey()).isNotEmpty()
                    .allSatisfy(error -> assertThat(error.getInstanceLocation().toString()).endsWith(entry.getValue()));
        }
    }

    @Test
    void describesEverySecretKeyTheDeploymentReads() throws IOException {
        JsonNode secretValues = new JsonMapper().readTree(Files.readString(SCHEMA))
                .path("properties").path("secrets").path("properties").path("values").path("properties");

        assertThat(secretValues.propertyNames()).containsExactlyInAnyOrderElementsOf(ChartSecrets.KEYS);
    }

    /** Every object schema must close itself; a schema that leaves one open would let a misspelt key through. */
    private static void collectObjectLevels(JsonNode node, String path, List<String> levels) {
        if (!node.isObject()) {
            return;
        }
        JsonNode properties = node.get("properties");
        if (properties != null) {
            levels.add(path);
            JsonNode closed = node.get("additionalProperties");
            assertThat(closed != null && closed.isBoolean() && !closed.asBoolean())
                    .as("additionalProperties: false at %s", path.isEmpty() ? "the top level" : path).isTrue();
            for (String name : properties.propertyNames()) {
                collectObjectLevels(properties.get(name), path + "." + name, levels);
            }
        }
        JsonNode items = node.get("items");
        if (items != null) {
            collectObjectLevels(items, path + "[]", levels);
        }
    }
}
