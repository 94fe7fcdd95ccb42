package io.stagegate.bench;

import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.StageChange;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic, realistic book of Salesforce opportunities for the default playbook: every open stage, some won and
 * lost, criteria fields filled mostly for the stages already passed and rarely for later ones, so that a good share is
 * over-staged. Field values are typed as a Salesforce connector hands them over ({@link Boolean}, {@link LocalDate},
 * {@link BigDecimal} amounts); {@link #asStrings} turns them into the raw strings HubSpot or a CSV export sends.
 */
final class SampleOpportunities {
    static final String CONTACT_ROLES = "OpportunityContactRoles";

    /** Open CRM stages by journey stage index (0 = Awareness … 5 = Decision). */
    private static final String[][] OPEN_STAGES = {
        {"Prospecting"},
        {"Qualification"},
        {"Needs Analysis"},
        {"Value Proposition", "Id. Decision Makers"},
        {"Perception Analysis", "Proposal/Price Quote"},
        {"Negotiation/Review"},
    };
    private static final String WON = "Closed Won";
    private static final String LOST = "Closed Lost";

    private final Random random;
    private final LocalDate today;

    private SampleOpportunities(long seed, LocalDate today) {
        this.random = new Random(seed);
        this.today = today;
    }

    /** {@code count} opportunities with typed field values, the same for the same seed and day. */
    static Opportunity[] typed(int count, long seed, LocalDate today) {
        SampleOpportunities sample = new SampleOpportunities(seed, today);
        Opportunity[] opportunities = new Opportunity[count];
        for (int i = 0; i < count; i++) {
            opportunities[i] = sample.next(i);
        }
        return opportunities;
    }

    /** The same opportunities with every field value written as a string: "2026-11-20", "true", "false". */
    static Opportunity[] asStrings(Opportunity[] typed) {
        Opportunity[] strings = new Opportunity[typed.length];
        for (int i = 0; i < typed.length; i++) {
            Opportunity o = typed[i];
            Map<String, Object> fields = new HashMap<>();
            o.fields().forEach((name, value) -> fields.put(name, value instanceof BigDecimal
                    ? ((BigDecimal) value).toPlainString()
                    : String.valueOf(value)));
            strings[i] = new Opportunity(o.id(), o.pipeline(), o.stage(), o.amount(), o.currency(), o.closeDate(), o.owner(),
                    fields, o.relatedCounts(), o.stageEnteredOn(), o.history());
        }
        return strings;
    }

    private Opportunity next(int n) {
        int roll = random.nextInt(100);
        String stage;
        int reached;
        double evidence;
        if (roll < 8) {
            stage = WON;
            reached = OPEN_STAGES.length;
            evidence = 0.9;
        } else if (roll < 15) {
            stage = LOST;
            reached = random.nextInt(OPEN_STAGES.length);
            evidence = 0.6;
        } else {
            reached = random.nextInt(OPEN_STAGES.length);
            String[] crmStages = OPEN_STAGES[reached];
            stage = crmStages[random.nextInt(crmStages.length)];
            evidence = 0.85;
        }
        Map<String, Object> fields = new HashMap<>();
        Map<String, Integer> related = new HashMap<>();
        for (int s = 0; s < OPEN_STAGES.length; s++) {
            double p = s < reached ? evidence : s == reached ? 0.4 : 0.05;
            fillStage(s, random.nextDouble() < p, fields, related);
        }
        boolean open = !WON.equals(stage) && !LOST.equals(stage);
        if (open && !fields.containsKey("Next_Step_Date__c") && random.nextInt(4) > 0) {
            fields.put("Next_Step_Date__c", today.plusDays(random.nextInt(30) - 15));
        }
        LocalDate enteredOn = random.nextInt(10) == 0 ? null : today.minusDays(random.nextInt(60));
        return new Opportunity(
                String.format("006BENCH%010d", n),
                null,
                stage,
                amount(),
                currency(),
                today.plusDays(random.nextInt(180) - 30),
                "005OWNER" + random.nextInt(40),
                fields,
                related,
                enteredOn,
                history(stage, reached, enteredOn));
    }

    private void fillStage(int stage, boolean evidenced, Map<String, Object> fields, Map<String, Integer> related) {
        switch (stage) {
            case 0:
                if (evidenced) {
                    fields.put("Discovery_Meeting_Date__c", past());
                }
                break;
            case 1:
                if (evidenced || random.nextInt(3) == 0) {
                    fields.put("Demo_Date__c", evidenced ? past() : future());
                }
                if (evidenced || random.nextInt(3) == 0) {
                    fields.put("Technical_Meeting_Date__c", past());
                }
                if (evidenced) {
                    fields.put("Next_Step_Date__c", random.nextInt(8) == 0 ? past() : today.plusDays(random.nextInt(30)));
                }
                break;
            case 2:
                int roles = evidenced ? random.nextInt(5) + 1 : random.nextInt(3);
                if (random.nextInt(5) > 0) {
                    related.put(CONTACT_ROLES, roles);
                }
                fields.put("Stakeholders_Confirmed__c", evidenced && roles < 3);
                fields.put("Solution_Co_Created__c", evidenced || random.nextInt(3) == 0);
                fields.put("Solution_Fit_Confirmed__c", evidenced || random.nextInt(3) == 0);
                break;
            case 3:
                fields.put("Budget_Confirmed__c", evidenced);
                break;
            case 4:
                fields.put("Deployment_Plan_Approved__c", evidenced);
                break;
            default:
                fields.put("Verbal_Commitment__c", evidenced || random.nextInt(4) == 0);
                if (evidenced || random.nextInt(3) == 0) {
                    fields.put("Contract_Received_Date__c", past());
                }
                if (evidenced) {
                    fields.put("Expected_Signing_Date__c", future());
                }
        }
    }

    /** None for a third, a lone entry for some, otherwise two to four moves up to the current stage (some skipping). */
    private List<StageChange> history(String stage, int reached, LocalDate enteredOn) {
        int kind = random.nextInt(20);
        if (kind < 7) {
            return List.of();
        }
        Instant last = (enteredOn == null ? today.minusDays(1) : enteredOn).atTime(9, 30).toInstant(ZoneOffset.UTC);
        if (kind < 10) {
            return List.of(new StageChange(stage, last));
        }
        int moves = 1 + random.nextInt(3);
        List<StageChange> history = new ArrayList<>(moves + 1);
        history.add(new StageChange(stage, last));
        int at = Math.min(reached, OPEN_STAGES.length - 1);
        Instant when = last;
        for (int i = 0; i < moves && at > 0; i++) {
            at = Math.max(0, at - 1 - (random.nextInt(4) == 0 ? 1 : 0));
            when = when.minusSeconds(86_400L * (1 + random.nextInt(20)));
            String[] crmStages = OPEN_STAGES[at];
            history.add(0, new StageChange(crmStages[random.nextInt(crmStages.length)], when));
        }
        return history;
    }

    private LocalDate past() {
        return today.minusDays(1 + random.nextInt(90));
    }

    private LocalDate future() {
        return today.plusDays(1 + random.nextInt(60));
    }

    private BigDecimal amount() {
        return random.nextInt(25) == 0 ? null : BigDecimal.valueOf(500_000 + random.nextInt(49_500_000), 2);
    }

    private String currency() {
        int roll = random.nextInt(10);
        return roll < 8 ? "USD" : roll == 8 ? "EUR" : null;
    }
}
