package io.stagegate.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.config.EngineProducer;
import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.ForecastCategory;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.Rule;
import io.stagegate.playbook.CrmDialects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The sfdx metadata in deploy/salesforce must match the output fields and the default playbook, so they never drift apart. */
class DeployMetadataTest {
    private static final Path SOURCE = Path.of("deploy/salesforce/force-app/main/default");
    private static final Path FIELDS = SOURCE.resolve("objects/Opportunity/fields");
    private static final Playbook PLAYBOOK = EngineProducer.shipped("salesforce").playbook();
    private static final Map<OutputField, String> OUTPUT_TYPES = Map.of(
            OutputField.QUALIFIED_STAGE, "Text",
            OutputField.QUALIFIED_PROBABILITY, "Percent",
            OutputField.QUALIFIED_FORECAST_AMOUNT, "Currency",
            OutputField.QUALIFIED_FORECAST_CATEGORY, "Picklist",
            OutputField.OVER_STAGED, "Checkbox",
            OutputField.MISSING_EXIT_CRITERIA, "Text",
            OutputField.STAGE_SKIP, "Checkbox",
            OutputField.SKIPPED_CRITERIA_DETAIL, "LongTextArea",
            OutputField.NEXT_DEBRIEF_QUESTION, "Text");

    @Test
    void everyOutputFieldShipsWithItsTypeAndIsEditable() throws Exception {
        Map<String, Element> permissions = fieldPermissions();
        for (OutputField output : OutputField.values()) {
            String name = CrmDialects.SALESFORCE.outputField(output);
            Element field = field(name);
            assertThat(text(field, "fullName")).isEqualTo(name);
            assertThat(text(field, "type")).as(name).isEqualTo(OUTPUT_TYPES.get(output));
            assertThat(text(permissions.get("Opportunity." + name), "editable")).as(name + " editable").isEqualTo("true");
            assertThat(text(permissions.get("Opportunity." + name), "readable")).isEqualTo("true");
        }
        assertThat(text(field("Qualified_Forecast__c"), "precision")).isEqualTo("18");
        assertThat(text(field("Qualified_Forecast__c"), "scale")).isEqualTo("2");
        assertThat(text(field("Skipped_Criteria_Detail__c"), "length")).isEqualTo("32768");
        assertThat(text(field("Skipped_Criteria_Detail__c"), "visibleLines")).isEqualTo("5");
    }

    @Test
    void theForecastCategoryPicklistHoldsExactlyTheCategoriesWritten() throws Exception {
        Element picklist = field("Qualified_Forecast_Category__c");
        assertThat(text(picklist, "restricted")).isEqualTo("true");
        NodeList values = picklist.getElementsByTagName("value");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < values.getLength(); i++) {
            names.add(text((Element) values.item(i), "fullName"));
        }
        assertThat(names).containsExactlyElementsOf(Arrays.stream(ForecastCategory.values()).map(category -> CrmDialects.SALESFORCE.forecastCategory(category))
                .sorted((a, b) -> order(a) - order(b)).toList());
    }

    @Test
    void everyCriteriaFieldOfTheDefaultPlaybookShipsWithTheTypeItsRulesRead() throws Exception {
        Map<String, Element> permissions = fieldPermissions();
        Map<String, String> expected = criteriaTypes();
        assertThat(expected.keySet()).isEqualTo(PLAYBOOK.criteriaFields());
        expected.forEach((name, type) -> {
            Element field = field(name);
            assertThat(text(field, "type")).as(name).isEqualTo(type);
            assertThat(text(permissions.get("Opportunity." + name), "readable")).as(name + " readable").isEqualTo("true");
            assertThat(text(permissions.get("Opportunity." + name), "editable")).as(name + " read only for Stagegate").isEqualTo("false");
        });
    }

    @Test
    void nothingElseShipsAndCheckboxesAndTextsAreComplete() throws Exception {
        Set<String> expected = new TreeSet<>(PLAYBOOK.criteriaFields());
        Arrays.stream(OutputField.values()).forEach(output -> expected.add(CrmDialects.SALESFORCE.outputField(output)));
        Set<String> shipped;
        try (Stream<Path> files = Files.list(FIELDS)) {
            shipped = files.map(file -> file.getFileName().toString().replace(".field-meta.xml", "")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(shipped).isEqualTo(expected);
        assertThat(fieldPermissions().keySet()).isEqualTo(expected.stream().map(name -> "Opportunity." + name).collect(Collectors.toSet()));
        for (String name : shipped) {
            Element field = field(name);
            if (text(field, "type").equals("Checkbox")) {
                assertThat(text(field, "defaultValue")).as(name).isEqualTo("false");
            }
            if (text(field, "type").equals("Text")) {
                assertThat(Integer.parseInt(text(field, "length"))).as(name).isBetween(1, 255);
            }
        }
        Document permissionSet = parse(SOURCE.resolve("permissionsets/Stagegate_Integration.permissionset-meta.xml"));
        assertThat(permissionSet.getDocumentElement().getTextContent()).contains("ApiEnabled");
        assertThat(Files.readString(Path.of("deploy/salesforce/sfdx-project.json"))).contains("\"path\": \"force-app\"");
    }

    private static int order(String category) {
        return List.of("Pipeline", "Best Case", "Commit", "Closed", "Omitted").indexOf(category);
    }

    /** The metadata type each criteria field needs, from the rules that read it. */
    private static Map<String, String> criteriaTypes() {
        Map<String, String> types = new HashMap<>();
        for (Pipeline pipeline : PLAYBOOK.pipelines()) {
            for (JourneyStage stage : pipeline.stages()) {
                for (ExitCriterion criterion : stage.exitCriteria()) {
                    collect(criterion.rule(), types);
                }
            }
        }
        return types;
    }

    private static void collect(Rule rule, Map<String, String> types) {
        if (rule instanceof Rule.AllOf) {
            ((Rule.AllOf) rule).rules().forEach(part -> collect(part, types));
        } else if (rule instanceof Rule.AnyOf) {
            ((Rule.AnyOf) rule).rules().forEach(part -> collect(part, types));
        } else if (rule instanceof Rule.CheckboxTrue) {
            types.put(((Rule.CheckboxTrue) rule).field(), "Checkbox");
        } else if (!rule.fields().isEmpty()) {
            rule.fields().forEach(field -> types.put(field, "Date"));
        }
    }

    private static Map<String, Element> fieldPermissions() throws Exception {
        Document document = parse(SOURCE.resolve("permissionsets/Stagegate_Integration.permissionset-meta.xml"));
        NodeList nodes = document.getElementsByTagName("fieldPermissions");
        Map<String, Element> byField = new HashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element permission = (Element) nodes.item(i);
            byField.put(text(permission, "field"), permission);
        }
        return byField;
    }

    private static Element field(String name) {
        try {
            return parse(FIELDS.resolve(name + ".field-meta.xml")).getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("deploy/salesforce has no readable field " + name + ": " + e.getMessage(), e);
        }
    }

    private static Document parse(Path file) throws Exception {
        if (!Files.exists(file)) {
            throw new IOException(file + " is missing");
        }
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String text(Element element, String tag) {
        NodeList nodes = element.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
