package io.stagegate.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Small valid playbooks to derive broken ones from, and helpers to point at their lines. */
final class PlaybookYaml {

    /** A valid Salesforce playbook: two criteria, one pipeline of two stages. */
    static final String SALESFORCE = """
            name: Test playbook
            crm: salesforce
            criteria:
              budget:
                label: Budget confirmed
                question: Has the buyer confirmed the budget?
                rule: { checkbox: Budget_Confirmed__c }
              next_step:
                label: Next step scheduled
                question: Is a next step scheduled?
                rule: { dateTodayOrLater: Next_Step_Date__c }
            pipelines:
              - key: standard
                label: Standard
                stages:
                  - key: first
                    label: First
                    crmStages:
                      - { value: Prospecting, probability: 10 }
                      - { value: Qualification, probability: 20 }
                    benchmarkDays: 14
                    exitCriteria: [budget]
                  - key: second
                    crmStages:
                      - { value: Negotiation, probability: 90 }
                      - { value: Review, probability: 95 }
                    exitCriteria: [next_step]
                won:
                  label: Advocacy
                  crmStages:
                    - { value: Closed Won, probability: 100 }
                  checklist: ["Will they give a testimonial?"]
                lost:
                  label: Lost
                  crmStages:
                    - { value: Closed Lost, probability: 0 }
            """;

    /** A valid HubSpot playbook; its first stage maps no deal stage and carries an explicit probability. */
    static final String HUBSPOT = """
            name: Test playbook
            crm: hubspot
            criteria:
              budget:
                label: Budget confirmed
                question: Has the buyer confirmed the budget?
                rule: { checkbox: budget_confirmed }
            pipelines:
              - key: default
                crmPipelines: [default]
                stages:
                  - key: awareness
                    probability: 0.1
                    exitCriteria: [budget]
                  - key: engagement
                    crmStages:
                      - { value: appointmentscheduled, probability: 0.2 }
                      - { value: qualifiedtobuy, probability: 0.4 }
                won:
                  crmStages:
                    - { value: closedwon, probability: 1.0 }
                lost:
                  crmStages:
                    - { value: closedlost, probability: 0.0 }
            """;

    private PlaybookYaml() {
    }

    /** {@code yaml} with the only occurrence of {@code from} replaced by {@code to}. */
    static String replace(String yaml, String from, String to) {
        assertThat(occurrences(yaml, from)).as("occurrences of <%s> in the playbook", from).isEqualTo(1);
        return yaml.replace(from, to);
    }

    /** {@code yaml} without the only line that contains {@code marker}. */
    static String withoutLine(String yaml, String marker) {
        int line = lineOf(yaml, marker);
        List<String> lines = new ArrayList<>(yaml.lines().toList());
        lines.remove(line - 1);
        return String.join("\n", lines) + "\n";
    }

    /** The 1-based number of the only line of {@code yaml} that contains {@code marker}. */
    static int lineOf(String yaml, String marker) {
        List<String> lines = yaml.lines().toList();
        int found = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                assertThat(found).as("<%s> is on more than one line", marker).isZero();
                found = i + 1;
            }
        }
        assertThat(found).as("<%s> is on no line", marker).isPositive();
        return found;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
