package io.stagegate.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.criteria.CrmStage;
import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.ForecastCategory;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a playbook against what the org really has, from the describe of Opportunity and the OpportunityStage rows
 * of the playbook's stage values. Every problem names the field or stage and says what to fix.
 */
final class SetupValidator {
    private static final String HIDDEN = "is missing on Opportunity or hidden from the integration user by field-level security: "
            + "create it (deploy/salesforce) or grant access in the Stagegate_Integration permission set";
    private static final Set<String> BOOLEAN = Set.of("boolean");
    private static final Set<String> DATE = Set.of("date", "datetime");
    private static final Set<String> NUMBER = Set.of("double", "currency", "percent", "int", "long");
    private static final Set<String> TEXT = Set.of("string", "textarea", "picklist", "multipicklist", "combobox", "email", "phone", "url", "encryptedstring");
    private static final Set<String> VALUE = Set.of("string", "textarea", "picklist", "multipicklist", "combobox", "email", "phone", "url",
            "reference", "id", "boolean");
    private static final Set<String> ANY = Set.of();

    private SetupValidator() {
    }

    static List<String> problems(Playbook playbook, OpportunitySchema schema, List<JsonNode> stageRows) {
        List<String> problems = new ArrayList<>();
        checkCursor(schema, problems);
        for (String standard : OpportunityQuery.ALWAYS) {
            if (!schema.has(standard)) {
                problems.add("Opportunity." + standard + " " + HIDDEN);
            }
        }
        checkCriteriaFields(playbook, schema, problems);
        checkRelations(playbook, schema, problems);
        checkOutputFields(playbook, schema, problems);
        checkRecordTypes(playbook, schema, problems);
        checkStages(playbook, stageRows, problems);
        return problems;
    }

    private static void checkCursor(OpportunitySchema schema, List<String> problems) {
        schema.field("SystemModstamp").ifPresent(field -> {
            if (!field.filterable()) {
                problems.add("Opportunity.SystemModstamp is not filterable for the integration user, so changes cannot be polled incrementally");
            }
        });
    }

    private static void checkCriteriaFields(Playbook playbook, OpportunitySchema schema, List<String> problems) {
        Map<String, Set<String>> uses = new LinkedHashMap<>();
        Map<String, String> ruleNames = new LinkedHashMap<>();
        for (Pipeline pipeline : playbook.pipelines()) {
            for (JourneyStage stage : pipeline.stages()) {
                for (ExitCriterion criterion : stage.exitCriteria()) {
                    collect(criterion.rule(), uses, ruleNames);
                }
            }
        }
        uses.forEach((field, allowed) -> {
            var described = schema.field(field);
            if (described.isEmpty()) {
                problems.add("criteria field Opportunity." + field + " " + HIDDEN);
            } else if (!allowed.isEmpty() && !allowed.contains(described.get().type())) {
                problems.add("criteria field Opportunity." + field + " is of type " + described.get().type() + " but the rule "
                        + ruleNames.get(field) + " needs " + String.join(" or ", allowed) + ": map a field of a matching type or change the rule");
            }
        });
    }

    /** The describe types each field may have, narrowed by every rule that reads it. */
    private static void collect(Rule rule, Map<String, Set<String>> uses, Map<String, String> ruleNames) {
        if (rule instanceof Rule.Composite composite) {
            composite.rules().forEach(part -> collect(part, uses, ruleNames));
            return;
        }
        Set<String> allowed;
        String name;
        if (rule instanceof Rule.CheckboxTrue) {
            allowed = BOOLEAN;
            name = "checkbox";
        } else if (rule instanceof Rule.DatePresent || rule instanceof Rule.DateInPast || rule instanceof Rule.DateNotOlderThan
                || rule instanceof Rule.DateTodayOrLater) {
            allowed = DATE;
            name = "on dates";
        } else if (rule instanceof Rule.NumberAtLeast) {
            allowed = NUMBER;
            name = "numberAtLeast";
        } else if (rule instanceof Rule.TextPresent) {
            allowed = TEXT;
            name = "textPresent";
        } else if (rule instanceof Rule.ValueIn) {
            allowed = VALUE;
            name = "valueIn";
        } else {
            allowed = ANY;
            name = "expression";
        }
        for (String field : rule.fields()) {
            Set<String> previous = uses.get(field);
            if (previous == null || previous.isEmpty()) {
                uses.put(field, allowed);
                ruleNames.put(field, name);
            } else if (!allowed.isEmpty()) {
                Set<String> both = new LinkedHashSet<>(previous);
                both.retainAll(allowed);
                uses.put(field, both.isEmpty() ? allowed : both);
                ruleNames.put(field, ruleNames.get(field) + " and " + name);
            }
        }
    }

    private static void checkRelations(Playbook playbook, OpportunitySchema schema, List<String> problems) {
        for (String relation : playbook.criteriaRelations()) {
            if (!schema.hasChildRelationship(relation)) {
                problems.add("relation " + relation + " is not a child relationship of Opportunity visible to the integration user: "
                        + "use the relationship name (e.g. OpportunityContactRoles) and grant read access to the child object");
            }
        }
    }

    private static void checkOutputFields(Playbook playbook, OpportunitySchema schema, List<String> problems) {
        for (OutputField output : OutputField.values()) {
            String name = playbook.outputField(output);
            var described = schema.field(name);
            if (described.isEmpty()) {
                problems.add("output field Opportunity." + name + " " + HIDDEN);
                continue;
            }
            DescribeResult.Field field = described.get();
            if (!field.updateable()) {
                problems.add("output field Opportunity." + name + " is not updateable by the integration user: give it edit access "
                        + "in the Stagegate_Integration permission set (and make sure it is not a formula field)");
            }
            Set<String> allowed = outputTypes(output);
            if (!allowed.contains(field.type())) {
                problems.add("output field Opportunity." + name + " is of type " + field.type() + " but " + output.yamlKey() + " needs "
                        + String.join(" or ", allowed) + ": deploy the field from deploy/salesforce");
            }
            if (output == OutputField.QUALIFIED_FORECAST_CATEGORY && field.type().equals("picklist") && field.restrictedPicklist()) {
                Set<String> values = field.picklistValues().stream().filter(DescribeResult.PicklistValue::active)
                        .map(DescribeResult.PicklistValue::value).collect(Collectors.toSet());
                for (ForecastCategory category : ForecastCategory.values()) {
                    if (!values.contains(playbook.dialect().forecastCategory(category))) {
                        problems.add("output field Opportunity." + name + " is a restricted picklist without the active value '"
                                + playbook.dialect().forecastCategory(category) + "': add it, or writes will fail with INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
                    }
                }
            }
        }
    }

    private static Set<String> outputTypes(OutputField output) {
        return switch (output) {
            case QUALIFIED_PROBABILITY -> Set.of("percent", "double");
            case QUALIFIED_FORECAST_AMOUNT -> Set.of("currency", "double");
            case OVER_STAGED, STAGE_SKIP -> BOOLEAN;
            case QUALIFIED_FORECAST_CATEGORY, QUALIFIED_STAGE -> Set.of("string", "picklist", "textarea");
            case MISSING_EXIT_CRITERIA, SKIPPED_CRITERIA_DETAIL, NEXT_DEBRIEF_QUESTION -> Set.of("string", "textarea");
        };
    }

    private static void checkRecordTypes(Playbook playbook, OpportunitySchema schema, List<String> problems) {
        for (Pipeline pipeline : playbook.pipelines()) {
            for (String recordType : pipeline.crmPipelines()) {
                var found = schema.recordType(recordType);
                if (found.isEmpty()) {
                    problems.add("pipeline '" + pipeline.key() + "': record type '" + recordType + "' does not exist on Opportunity "
                            + "or is not available to the integration user (use its id or developer name)");
                } else if (!found.get().active()) {
                    problems.add("pipeline '" + pipeline.key() + "': record type '" + recordType + "' is inactive in Salesforce");
                }
            }
        }
    }

    private static void checkStages(Playbook playbook, List<JsonNode> stageRows, List<String> problems) {
        Map<String, JsonNode> byLabel = new LinkedHashMap<>();
        stageRows.forEach(row -> byLabel.put(row.path("MasterLabel").asText(), row));
        for (Pipeline pipeline : playbook.pipelines()) {
            for (CrmStage stage : pipeline.crmStages()) {
                JsonNode row = byLabel.get(stage.value());
                if (row == null) {
                    problems.add("pipeline '" + pipeline.key() + "': stage '" + stage.value() + "' does not exist in Salesforce's "
                            + "OpportunityStage: correct the playbook's crmStages value (it must equal the stage's label exactly)");
                } else if (!row.path("IsActive").asBoolean(false)) {
                    problems.add("pipeline '" + pipeline.key() + "': stage '" + stage.value() + "' is inactive in Salesforce: "
                            + "activate it or remove it from the playbook");
                }
            }
            pipeline.won().crmStages().forEach(stage -> checkClosed(pipeline, stage, byLabel.get(stage.value()), true, problems));
            pipeline.lost().crmStages().forEach(stage -> checkClosed(pipeline, stage, byLabel.get(stage.value()), false, problems));
        }
    }

    private static void checkClosed(Pipeline pipeline, CrmStage stage, JsonNode row, boolean won, List<String> problems) {
        if (row == null) {
            return;
        }
        boolean closed = row.path("IsClosed").asBoolean(false);
        boolean isWon = row.path("IsWon").asBoolean(false);
        if (!closed || isWon != won) {
            problems.add("pipeline '" + pipeline.key() + "': stage '" + stage.value() + "' is mapped as closed " + (won ? "won" : "lost")
                    + " but Salesforce has it as " + (closed ? (isWon ? "closed won" : "closed lost") : "open") + ": move it in the playbook");
        }
    }

    /** Every stage value the playbook maps, for the OpportunityStage query. */
    static Set<String> stageValues(Playbook playbook) {
        Set<String> values = new LinkedHashSet<>();
        playbook.pipelines().forEach(pipeline -> pipeline.crmStages().forEach(stage -> values.add(stage.value())));
        return values;
    }
}
