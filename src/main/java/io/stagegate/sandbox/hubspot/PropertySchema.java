package io.stagegate.sandbox.hubspot;

import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.ForecastCategory;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The deal property definitions and groups of the simulated portal. Each property has a fixed slot in the value arrays
 * of the stored deals; properties created through the API get the next slot. Thread-safe: readers see immutable
 * snapshots, writers are serialised.
 */
final class PropertySchema {
    static final String DEAL_INFORMATION = "dealinformation";
    static final String EXIT_CRITERIA = "exit_criteria";
    static final String STAGEGATE = "stagegate";
    /** HubSpot's count of the contacts associated with a deal. */
    static final String NUM_ASSOCIATED_CONTACTS = "num_associated_contacts";

    private volatile State state = new State(Map.of(), List.of(), Map.of());

    private record State(Map<String, Integer> slots, List<PropertyDefinition> definitions, Map<String, PropertyGroup> groups) {
    }

    PropertySchema(Playbook playbook, PipelineCatalog pipelines, Instant at) {
        addGroup(new PropertyGroup(DEAL_INFORMATION, "Deal information", 0, false));
        addGroup(new PropertyGroup(EXIT_CRITERIA, "Exit criteria", 1, false));
        addGroup(new PropertyGroup(STAGEGATE, "Stagegate", 2, false));
        addStandard(playbook, pipelines, at);
        addStageCalculated(pipelines, at);
        addCriteria(playbook, at);
        addOutputs(playbook, at);
    }

    private void addStandard(Playbook playbook, PipelineCatalog pipelines, Instant at) {
        String info = DEAL_INFORMATION;
        add(PropertyDefinition.standard("amount", "Amount", PropertyType.NUMBER, "number", info, 0, at).withNumberDisplayHint("currency"));
        add(PropertyDefinition.standard("closedate", "Close Date", PropertyType.DATETIME, "date", info, 1, at));
        add(PropertyDefinition.standard("createdate", "Create Date", PropertyType.DATETIME, "date", info, 2, at));
        add(PropertyDefinition.standard("dealname", "Deal Name", PropertyType.STRING, "text", info, 3, at));
        add(PropertyDefinition.standard("dealstage", "Deal Stage", PropertyType.ENUMERATION, "radio", info, 4, at).withExternalOptions());
        add(PropertyDefinition.standard("pipeline", "Pipeline", PropertyType.ENUMERATION, "select", info, 5, at).withExternalOptions());
        add(PropertyDefinition.standard("hubspot_owner_id", "Deal owner", PropertyType.ENUMERATION, "select", info, 6, at).withExternalOptions());
        add(PropertyDefinition.standard("deal_currency_code", "Currency", PropertyType.ENUMERATION, "select", info, 7, at)
                .withOptions(List.of(PropertyOption.of(playbook.currency(), playbook.currency(), 0))));
        add(PropertyDefinition.standard("description", "Deal Description", PropertyType.STRING, "textarea", info, 8, at));
        add(PropertyDefinition.standard("hs_manual_forecast_category", "Forecast category", PropertyType.ENUMERATION, "select", info, 9, at)
                .withOptions(forecastOptions()));
        add(PropertyDefinition.standard("hs_forecast_probability", "Forecast probability", PropertyType.NUMBER, "number", info, 10, at)
                .withNumberDisplayHint("probability"));
        add(PropertyDefinition.standard("hs_object_id", "Record ID", PropertyType.NUMBER, "number", info, 11, at).readOnly().unique());
        add(PropertyDefinition.standard("hs_lastmodifieddate", "Last Modified Date", PropertyType.DATETIME, "date", info, 12, at).readOnly());
        add(PropertyDefinition.calculated("hs_deal_stage_probability", "Deal probability", PropertyType.NUMBER, "number", info, 13, at)
                .withNumberDisplayHint("probability"));
        add(PropertyDefinition.calculated("hs_projected_amount", "Weighted amount", PropertyType.NUMBER, "calculation_equation", info, 14, at)
                .withNumberDisplayHint("currency"));
        add(PropertyDefinition.calculated("hs_is_closed", "Is Deal Closed?", PropertyType.BOOL, "booleancheckbox", info, 15, at).withOptions(boolOptions()));
        add(PropertyDefinition.calculated("hs_is_closed_won", "Is Closed Won", PropertyType.BOOL, "booleancheckbox", info, 16, at).withOptions(boolOptions()));
        add(PropertyDefinition.calculated("hs_is_closed_lost", "Is closed lost", PropertyType.BOOL, "booleancheckbox", info, 17, at).withOptions(boolOptions()));
        add(PropertyDefinition.calculated("hs_v2_date_entered_current_stage", "Date entered current stage", PropertyType.DATETIME, "date", info, 18, at));
        add(PropertyDefinition.calculated(NUM_ASSOCIATED_CONTACTS, "Number of Associated Contacts", PropertyType.NUMBER, "number", info, 19, at));
    }

    private void addStageCalculated(PipelineCatalog pipelines, Instant at) {
        int order = 100;
        for (DealPipeline pipeline : pipelines.pipelines()) {
            for (DealStage stage : pipeline.stages()) {
                String label = "\"" + stage.label() + " (" + pipeline.label() + ")\"";
                addIfAbsent(PropertyDefinition.calculated(enteredProperty(stage.id()), "Date entered " + label, PropertyType.DATETIME, "date",
                        DEAL_INFORMATION, order++, at));
                addIfAbsent(PropertyDefinition.calculated(exitedProperty(stage.id()), "Date exited " + label, PropertyType.DATETIME, "date",
                        DEAL_INFORMATION, order++, at));
            }
        }
    }

    private void addCriteria(Playbook playbook, Instant at) {
        Map<String, PropertyDefinition> criteria = new LinkedHashMap<>();
        for (Pipeline pipeline : playbook.pipelines()) {
            for (JourneyStage stage : pipeline.stages()) {
                for (ExitCriterion criterion : stage.exitCriteria()) {
                    collect(criterion.rule(), criteria, at);
                }
            }
        }
        int order = 0;
        for (PropertyDefinition definition : criteria.values()) {
            addIfAbsent(new PropertyDefinition(definition.name(), definition.label(), definition.type(), definition.fieldType(), EXIT_CRITERIA, "",
                    definition.options(), order++, false, false, false, false, false, null, at));
        }
    }

    /** Infers each criteria field's type from the rule that reads it (the first rule wins). */
    private static void collect(Rule rule, Map<String, PropertyDefinition> into, Instant at) {
        if (rule instanceof Rule.AllOf) {
            ((Rule.AllOf) rule).rules().forEach(part -> collect(part, into, at));
        } else if (rule instanceof Rule.AnyOf) {
            ((Rule.AnyOf) rule).rules().forEach(part -> collect(part, into, at));
        } else if (rule instanceof Rule.CheckboxTrue) {
            into.putIfAbsent(((Rule.CheckboxTrue) rule).field(), custom(((Rule.CheckboxTrue) rule).field(), PropertyType.BOOL, "booleancheckbox", boolOptions(), at));
        } else if (rule instanceof Rule.NumberAtLeast) {
            into.putIfAbsent(((Rule.NumberAtLeast) rule).field(), custom(((Rule.NumberAtLeast) rule).field(), PropertyType.NUMBER, "number", List.of(), at));
        } else if (rule instanceof Rule.ValueIn) {
            Rule.ValueIn valueIn = (Rule.ValueIn) rule;
            List<PropertyOption> options = new ArrayList<>();
            valueIn.values().stream().sorted().forEach(value -> options.add(PropertyOption.of(value, value, options.size())));
            PropertyDefinition existing = into.get(valueIn.field());
            if (existing == null) {
                into.put(valueIn.field(), custom(valueIn.field(), PropertyType.ENUMERATION, "select", options, at));
            } else if (existing.type() == PropertyType.ENUMERATION) {
                into.put(valueIn.field(), withMoreOptions(existing, valueIn.values()));
            }
        } else {
            PropertyType type = rule instanceof Rule.TextPresent || rule instanceof Rule.Expression ? PropertyType.STRING : PropertyType.DATE;
            for (String field : rule.fields()) {
                into.putIfAbsent(field, custom(field, type, type == PropertyType.DATE ? "date" : "text", List.of(), at));
            }
        }
    }

    private void addOutputs(Playbook playbook, Instant at) {
        int order = 0;
        for (OutputField field : OutputField.values()) {
            PropertyType type;
            String fieldType;
            List<PropertyOption> options = List.of();
            switch (field) {
                case QUALIFIED_PROBABILITY:
                case QUALIFIED_FORECAST_AMOUNT:
                    type = PropertyType.NUMBER;
                    fieldType = "number";
                    break;
                case QUALIFIED_FORECAST_CATEGORY:
                    type = PropertyType.ENUMERATION;
                    fieldType = "select";
                    options = forecastOptions();
                    break;
                case OVER_STAGED:
                case STAGE_SKIP:
                    type = PropertyType.BOOL;
                    fieldType = "booleancheckbox";
                    options = boolOptions();
                    break;
                case SKIPPED_CRITERIA_DETAIL:
                    type = PropertyType.STRING;
                    fieldType = "textarea";
                    break;
                default:
                    type = PropertyType.STRING;
                    fieldType = "text";
            }
            String name = playbook.outputField(field);
            addIfAbsent(new PropertyDefinition(name, label(name), type, fieldType, STAGEGATE, "Written by Stagegate", options, order++,
                    false, false, false, false, false, field == OutputField.QUALIFIED_FORECAST_AMOUNT ? "currency" : null, at));
        }
    }

    static String enteredProperty(String stageId) {
        return "hs_v2_date_entered_" + stageId;
    }

    static String exitedProperty(String stageId) {
        return "hs_v2_date_exited_" + stageId;
    }

    static List<PropertyOption> boolOptions() {
        return List.of(new PropertyOption("Yes", "true", null, 0, false), new PropertyOption("No", "false", null, 1, false));
    }

    private static List<PropertyOption> forecastOptions() {
        List<PropertyOption> options = new ArrayList<>();
        String[] labels = {"Not forecasted", "Pipeline", "Best case", "Commit", "Closed won"};
        for (ForecastCategory category : ForecastCategory.values()) {
            options.add(PropertyOption.of(labels[category.ordinal()], io.stagegate.playbook.CrmDialects.HUBSPOT.forecastCategory(category), options.size()));
        }
        return options;
    }

    private static PropertyDefinition custom(String name, PropertyType type, String fieldType, List<PropertyOption> options, Instant at) {
        return new PropertyDefinition(name, label(name), type, fieldType, EXIT_CRITERIA, "", options, 0, false, false, false, false, false, null, at);
    }

    private static PropertyDefinition withMoreOptions(PropertyDefinition definition, Set<String> values) {
        List<PropertyOption> options = new ArrayList<>(definition.options());
        Set<String> known = new LinkedHashSet<>();
        options.forEach(option -> known.add(option.value()));
        values.stream().sorted().filter(known::add).forEach(value -> options.add(PropertyOption.of(value, value, options.size())));
        return definition.withOptions(options);
    }

    /** {@code next_step_date} → {@code Next step date}. */
    private static String label(String name) {
        String words = name.replace('_', ' ').trim();
        return words.isEmpty() ? name : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    // --- reads ------------------------------------------------------------------------------------

    Optional<PropertyDefinition> get(String name) {
        Integer slot = state.slots.get(name);
        return slot == null ? Optional.empty() : Optional.of(state.definitions.get(slot));
    }

    /** The slot of a property in the stored value arrays, or -1. */
    int slot(String name) {
        Integer slot = state.slots.get(name);
        return slot == null ? -1 : slot;
    }

    PropertyDefinition at(int slot) {
        return state.definitions.get(slot);
    }

    int size() {
        return state.definitions.size();
    }

    List<PropertyDefinition> all() {
        return state.definitions;
    }

    List<PropertyGroup> groups() {
        return List.copyOf(state.groups.values());
    }

    Optional<PropertyGroup> group(String name) {
        return Optional.ofNullable(state.groups.get(name));
    }

    // --- writes -----------------------------------------------------------------------------------

    /** Adds a property; {@code false} when one of that name exists. */
    synchronized boolean addIfAbsent(PropertyDefinition definition) {
        if (state.slots.containsKey(definition.name())) {
            return false;
        }
        add(definition);
        return true;
    }

    private synchronized void add(PropertyDefinition definition) {
        Map<String, Integer> slots = new LinkedHashMap<>(state.slots);
        List<PropertyDefinition> definitions = new ArrayList<>(state.definitions);
        slots.put(definition.name(), definitions.size());
        definitions.add(definition);
        state = new State(Map.copyOf(slots), List.copyOf(definitions), state.groups);
    }

    /** Replaces a property's definition in place (same name, same slot). */
    synchronized void replace(PropertyDefinition definition) {
        int slot = slot(definition.name());
        if (slot < 0) {
            throw new IllegalArgumentException("no property " + definition.name());
        }
        List<PropertyDefinition> definitions = new ArrayList<>(state.definitions);
        definitions.set(slot, definition);
        state = new State(state.slots, List.copyOf(definitions), state.groups);
    }

    /** Adds an option to an enumeration property unless it has it (seeded values the playbook did not list). */
    synchronized void ensureOption(String name, String value) {
        PropertyDefinition definition = get(name).orElseThrow();
        if (definition.type() == PropertyType.ENUMERATION && !definition.externalOptions() && !definition.hasOption(value)) {
            List<PropertyOption> options = new ArrayList<>(definition.options());
            options.add(PropertyOption.of(value, value, options.size()));
            replace(definition.withOptions(options));
        }
    }

    /** Adds a group; {@code false} when one of that name exists. */
    synchronized boolean addGroup(PropertyGroup group) {
        if (state.groups.containsKey(group.name())) {
            return false;
        }
        Map<String, PropertyGroup> groups = new LinkedHashMap<>(state.groups);
        groups.put(group.name(), group);
        state = new State(state.slots, state.definitions, java.util.Collections.unmodifiableMap(groups));
        return true;
    }
}
