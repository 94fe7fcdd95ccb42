package io.stagegate.sandbox.hubspot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks property values sent for a write the way HubSpot does and turns them into the strings it stores (dates as
 * {@code YYYY-MM-DD}, datetimes as ISO instants with milliseconds, booleans lowercase). Error codes and messages
 * follow HubSpot's ({@code PROPERTY_DOESNT_EXIST}, {@code READ_ONLY_VALUE}, {@code INVALID_INTEGER},
 * {@code INVALID_OPTION}, {@code INVALID_DATE}, {@code INVALID_LONG}).
 */
final class PropertyValidator {
    static final int MAX_STRING = 65_536;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)");
    private static final Pattern DIGITS = Pattern.compile("-?\\d+");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final PropertySchema schema;
    private final PipelineCatalog pipelines;

    PropertyValidator(PropertySchema schema, PipelineCatalog pipelines) {
        this.schema = schema;
        this.pipelines = pipelines;
    }

    /**
     * Validates {@code requested} for a deal now in {@code currentPipeline}/{@code currentStage}; returns the stored
     * form of each value ({@code ""} clears) or adds the problems to {@code problems}.
     */
    Map<String, String> normalize(Map<String, String> requested, String currentPipeline, String currentStage, List<InvalidPropertiesException.Invalid> problems) {
        Map<String, String> normalized = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : requested.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue() == null ? "" : entry.getValue();
            PropertyDefinition definition = schema.get(name).orElse(null);
            if (definition == null) {
                problems.add(new InvalidPropertiesException.Invalid(name, value, "PROPERTY_DOESNT_EXIST", "Property \"" + name + "\" does not exist"));
            } else if (definition.readOnlyValue()) {
                problems.add(new InvalidPropertiesException.Invalid(name, value, "READ_ONLY_VALUE",
                        "\"" + name + "\" is a read only property; its value cannot be set."));
            } else {
                String stored = value.isEmpty() ? "" : normalize(definition, value.trim(), requested, currentPipeline, problems);
                if (stored != null) {
                    normalized.put(name, stored);
                }
            }
        }
        checkStageAfterPipelineMove(requested, normalized, currentPipeline, currentStage, problems);
        return normalized;
    }

    private String normalize(PropertyDefinition definition, String value, Map<String, String> requested, String currentPipeline,
            List<InvalidPropertiesException.Invalid> problems) {
        String name = definition.name();
        switch (definition.type()) {
            case NUMBER:
                if (NUMBER.matcher(value).matches()) {
                    return value;
                }
                return invalid(problems, name, value, "INVALID_INTEGER", value + " was not a valid number.");
            case BOOL:
                if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                    return value.toLowerCase(Locale.ROOT);
                }
                return invalid(problems, name, value, "INVALID_OPTION", value + " was not one of the allowed options: [true, false]");
            case DATE:
                return date(name, value, problems);
            case DATETIME:
                return datetime(name, value, problems);
            case ENUMERATION:
                return enumeration(definition, value, requested, currentPipeline, problems);
            default:
                if (value.length() > MAX_STRING) {
                    return invalid(problems, name, value.substring(0, 20) + "…", "INVALID_STRING",
                            "Property \"" + name + "\" holds at most " + MAX_STRING + " characters, got " + value.length());
                }
                return value;
        }
    }

    private String enumeration(PropertyDefinition definition, String value, Map<String, String> requested, String currentPipeline,
            List<InvalidPropertiesException.Invalid> problems) {
        String name = definition.name();
        if (name.equals("pipeline")) {
            if (pipelines.pipeline(value).isPresent()) {
                return value;
            }
            return notAnOption(problems, name, value, pipelines.pipelines().stream().map(DealPipeline::id).collect(Collectors.toList()));
        }
        if (name.equals("dealstage")) {
            String pipelineId = requested.get("pipeline") != null && !requested.get("pipeline").isBlank() ? requested.get("pipeline").trim() : currentPipeline;
            DealPipeline pipeline = pipelines.pipeline(pipelineId).orElse(pipelines.defaultPipeline());
            if (pipeline.stage(value).isPresent()) {
                return value;
            }
            return notAnOption(problems, name, value, pipeline.stages().stream().map(DealStage::id).collect(Collectors.toList()));
        }
        if (name.equals("hubspot_owner_id")) {
            if (DIGITS.matcher(value).matches()) {
                return value;
            }
            return invalid(problems, name, value, "INVALID_OWNER_ID", value + " is not a valid owner id");
        }
        if (definition.externalOptions()) {
            return value;
        }
        List<String> values = "checkbox".equals(definition.fieldType()) ? List.of(value.split(";")) : List.of(value);
        for (String part : values) {
            if (!part.isEmpty() && !definition.hasOption(part)) {
                return notAnOption(problems, name, part, definition.options().stream().map(PropertyOption::value).collect(Collectors.toList()));
            }
        }
        return value;
    }

    /** A pipeline moved without a stage must still hold its stage. */
    private void checkStageAfterPipelineMove(Map<String, String> requested, Map<String, String> normalized, String currentPipeline,
            String currentStage, List<InvalidPropertiesException.Invalid> problems) {
        String newPipeline = normalized.get("pipeline");
        if (newPipeline == null || newPipeline.isEmpty() || newPipeline.equals(currentPipeline) || requested.containsKey("dealstage")) {
            return;
        }
        DealPipeline pipeline = pipelines.pipeline(newPipeline).orElseThrow();
        if (currentStage != null && pipeline.stage(currentStage).isEmpty()) {
            notAnOption(problems, "dealstage", currentStage, pipeline.stages().stream().map(DealStage::id).collect(Collectors.toList()));
        }
    }

    private static String date(String name, String value, List<InvalidPropertiesException.Invalid> problems) {
        try {
            if (DAY.matcher(value).matches()) {
                return LocalDate.parse(value).toString();
            }
            Instant instant = DIGITS.matcher(value).matches() ? Instant.ofEpochMilli(Long.parseLong(value)) : OffsetDateTime.parse(value).toInstant();
            if (!instant.truncatedTo(ChronoUnit.DAYS).equals(instant)) {
                OffsetDateTime at = instant.atOffset(ZoneOffset.UTC);
                return invalid(problems, name, value, "INVALID_DATE", value + " is at " + at.getHour() + ":" + at.getMinute() + ":" + at.getSecond()
                        + "." + (at.getNano() / 1_000_000) + " UTC, not midnight!");
            }
            return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return invalid(problems, name, value, "INVALID_LONG", value + " was not a valid long.");
        }
    }

    private static String datetime(String name, String value, List<InvalidPropertiesException.Invalid> problems) {
        try {
            Instant instant;
            if (DIGITS.matcher(value).matches()) {
                instant = Instant.ofEpochMilli(Long.parseLong(value));
            } else if (DAY.matcher(value).matches()) {
                instant = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                instant = OffsetDateTime.parse(value).toInstant();
            }
            return HubSpotTime.text(instant);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return invalid(problems, name, value, "INVALID_LONG", value + " was not a valid long.");
        }
    }

    private static String notAnOption(List<InvalidPropertiesException.Invalid> problems, String name, String value, List<String> allowed) {
        return invalid(problems, name, value, "INVALID_OPTION", value + " was not one of the allowed options: " + allowed.stream().collect(Collectors.joining(", ", "[", "]")));
    }

    private static String invalid(List<InvalidPropertiesException.Invalid> problems, String name, String value, String error, String message) {
        problems.add(new InvalidPropertiesException.Invalid(name, value, error, message));
        return null;
    }

    /** A problem list to collect into. */
    static List<InvalidPropertiesException.Invalid> problems() {
        return new ArrayList<>();
    }
}
