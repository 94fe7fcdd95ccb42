package io.stagegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The operations guide and the chart's README name only chart values, variables and files that exist. */
class OperationsGuideTest {
    private static final List<Path> GUIDES = List.of(Path.of("docs", "operations.md"), Chart.DIRECTORY.resolve("README.md"));
    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern VALUE_PATH = Pattern.compile("[a-z][A-Za-z]*(\\.[a-zA-Z]+)+(\\.\\*)?");
    private static final Pattern VARIABLE = Pattern.compile("(QUARKUS|STAGEGATE)_[A-Z0-9_]+");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    @Test
    void everyValueTheGuidesNameIsInTheChart() throws IOException {
        JsonNode schema = new JsonMapper().readTree(Files.readString(Chart.DIRECTORY.resolve("values.schema.json")));
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (Path guide : GUIDES) {
            Matcher code = CODE.matcher(Files.readString(guide));
            while (code.find()) {
                String text = code.group(1);
                if (!VALUE_PATH.matcher(text).matches() || text.matches(".*\\.(yaml|json|md|env)$")
                        || !schema.path("properties").has(text.substring(0, text.indexOf('.')))) {
                    continue; // file names such as values.yaml, webhook subscriptions such as deal.creation
                }
                checked++;
                JsonNode node = schema;
                for (String part : text.replace(".*", "").split("\\.")) {
                    node = node.path("properties").path(part);
                }
                if (node.isMissingNode()) {
                    unknown.add(guide + ": " + text);
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(unknown).isEmpty();
    }

    @Test
    void everyVariableTheGuidesNameIsOneTheServiceReads() throws IOException {
        for (Path guide : GUIDES) {
            Matcher variable = VARIABLE.matcher(Files.readString(guide));
            while (variable.find()) {
                String name = variable.group();
                assertThat(ServiceConfiguration.environmentVariables().contains(name)
                        || ComposeTest.COMPOSE_ONLY.contains(name)).as(guide + " names " + name).isTrue();
            }
        }
    }

    @Test
    void everyLinkPointsAtAFileThatExists() throws IOException {
        for (Path guide : GUIDES) {
            Matcher link = LINK.matcher(Files.readString(guide));
            while (link.find()) {
                String target = link.group(1);
                if (!target.startsWith("http")) {
                    assertThat(guide.getParent().resolve(target).normalize()).as(guide + " links to " + target).exists();
                }
            }
        }
    }
}
