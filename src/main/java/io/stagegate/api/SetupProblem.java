package io.stagegate.api;

import io.stagegate.criteria.CrmStage;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One thing the CRM lacks for a playbook, with the YAML line that maps it: the first line naming the field, stage or
 * record type the connector's message names (0 when the message names none of the playbook's, such as a standard field
 * hidden from the integration user).
 */
public record SetupProblem(String message, int line, String name) {

    /** Places each of the connector's {@code messages} at the line of the playbook name it mentions (the longest one). */
    static List<SetupProblem> locate(Playbook playbook, String yaml, List<String> messages) {
        Set<String> names = names(playbook);
        String[] lines = yaml.split("\r?\n", -1);
        List<SetupProblem> located = new ArrayList<>(messages.size());
        for (String message : messages) {
            String named = null;
            for (String name : names) {
                if (containsWord(message, name) && (named == null || name.length() > named.length())) {
                    named = name;
                }
            }
            located.add(new SetupProblem(message, named == null ? 0 : lineOf(lines, named), named));
        }
        return located;
    }

    private static Set<String> names(Playbook playbook) {
        Set<String> names = new LinkedHashSet<>(playbook.criteriaFields());
        for (OutputField field : OutputField.values()) {
            names.add(playbook.outputField(field));
        }
        for (Pipeline pipeline : playbook.pipelines()) {
            names.addAll(pipeline.crmPipelines());
            for (CrmStage stage : pipeline.crmStages()) {
                names.add(stage.value());
            }
            for (JourneyStage stage : pipeline.stages()) {
                stage.exitCriteria().forEach(criterion -> names.addAll(criterion.rule().fields()));
            }
        }
        names.removeIf(name -> name == null || name.isBlank());
        return names;
    }

    private static int lineOf(String[] lines, String name) {
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].stripLeading().startsWith("#") && containsWord(lines[i], name)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** {@code name} in {@code text}, not as part of a longer identifier ({@code Amount} is not in {@code Amount__c}). */
    static boolean containsWord(String text, String name) {
        for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
            int end = at + name.length();
            if ((at == 0 || !identifier(text.charAt(at - 1))) && (end == text.length() || !identifier(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean identifier(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
