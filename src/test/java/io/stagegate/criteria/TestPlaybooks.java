package io.stagegate.criteria;

import io.stagegate.playbook.CrmDialects;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Programmatic playbooks for the engine tests: the default buyer journey with the Salesforce standard stage values
 * (and a HubSpot variant whose Awareness stage maps no CRM value), exit criteria using the various rules, and a fixed
 * clock.
 *
 * <pre>
 * index  key                               CRM stages (probability)                          category   benchmark
 *   0    awareness                         Prospecting (0.10)                                PIPELINE   14
 *   1    engagement                        Qualification (0.10)                              PIPELINE   21
 *   2    consideration_pain                Needs Analysis (0.20)                             PIPELINE   30
 *   3    consideration_investment          Value Proposition (0.50), Id. Decision Makers (0.60) BEST_CASE 30
 *   4    consideration_decision            Perception Analysis (0.70), Proposal/Price Quote (0.75) BEST_CASE 30
 *   5    decision                          Negotiation/Review (0.90)                         COMMIT     21
 *   won  closed_won (index 6)              Closed Won (1.00)
 *   lost closed_lost (index -1)            Closed Lost (0.00)
 * </pre>
 */
final class TestPlaybooks {

    /** Today for every test unless a test says otherwise: Thursday 2026-11-26. */
    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    // Journey stage keys and indexes.
    static final String AWARENESS = "awareness";
    static final String ENGAGEMENT = "engagement";
    static final String PAIN = "consideration_pain";
    static final String INVESTMENT = "consideration_investment";
    static final String DECISION_PROCESS = "consideration_decision";
    static final String DECISION = "decision";
    static final int I_AWARENESS = 0;
    static final int I_ENGAGEMENT = 1;
    static final int I_PAIN = 2;
    static final int I_INVESTMENT = 3;
    static final int I_DECISION_PROCESS = 4;
    static final int I_DECISION = 5;
    static final int I_WON = 6;

    // Salesforce standard StageName values.
    static final String PROSPECTING = "Prospecting";
    static final String QUALIFICATION = "Qualification";
    static final String NEEDS_ANALYSIS = "Needs Analysis";
    static final String VALUE_PROPOSITION = "Value Proposition";
    static final String ID_DECISION_MAKERS = "Id. Decision Makers";
    static final String PERCEPTION_ANALYSIS = "Perception Analysis";
    static final String PROPOSAL = "Proposal/Price Quote";
    static final String NEGOTIATION = "Negotiation/Review";
    static final String CLOSED_WON = "Closed Won";
    static final String CLOSED_LOST = "Closed Lost";

    /** Every open Salesforce stage value, in journey order. */
    static final List<String> OPEN_SALESFORCE_STAGES = List.of(
            PROSPECTING, QUALIFICATION, NEEDS_ANALYSIS, VALUE_PROPOSITION, ID_DECISION_MAKERS,
            PERCEPTION_ANALYSIS, PROPOSAL, NEGOTIATION);

    // HubSpot default pipeline dealstage values.
    static final String HS_APPOINTMENT = "appointmentscheduled";
    static final String HS_QUALIFIED = "qualifiedtobuy";
    static final String HS_PRESENTATION = "presentationscheduled";
    static final String HS_DECISION_MAKER = "decisionmakerboughtin";
    static final String HS_CONTRACT = "contractsent";
    static final String HS_WON = "closedwon";
    static final String HS_LOST = "closedlost";
    /** Explicit probability of the HubSpot Awareness stage, which maps no dealstage. */
    static final BigDecimal HS_AWARENESS_PROBABILITY = new BigDecimal("0.05");

    // Criteria fields and relations.
    static final String DISCOVERY_DATE = "Discovery_Meeting_Date__c";
    static final String DEMO_DATE = "Demo_Date__c";
    static final String NEXT_STEP_DATE = "Next_Step_Date__c";
    static final String TECH_TEAMS_MET = "Tech_Teams_Met__c";
    static final String CONTACT_ROLES = "OpportunityContactRoles";
    static final String SOLUTION_NOTES = "Solution_Co_Creation__c";
    static final String SOLUTION_FIT = "Solution_Fit_Confirmed__c";
    static final String BUDGET_CONFIRMED = "Budget_Confirmed__c";
    static final String DEPLOYMENT_PLAN = "Deployment_Plan_Approved__c";
    static final String VERBAL_COMMITMENT = "Verbal_Commitment__c";
    static final String CONTRACT_RECEIVED = "Contract_Received_Date__c";
    static final String EXPECTED_SIGNING = "Expected_Signing_Date__c";

    // Criterion keys.
    static final String C_DISCOVERY = "discovery_meeting_scheduled";
    static final String C_DEMO = "demo_with_next_step";
    static final String C_TECH = "technical_teams_met";
    static final String C_CAST = "cast_of_characters";
    static final String C_CO_CREATED = "solution_co_created";
    static final String C_FIT = "solution_fit";
    static final String C_PAIN_NEXT_STEP = "pain_next_step";
    static final String C_BUDGET = "budget_confirmed";
    static final String C_DEPLOYMENT = "deployment_plan_approved";
    static final String C_VERBAL = "verbal_commitment";
    static final String C_CONTRACT = "contract_acknowledged";

    static final ExitCriterion DISCOVERY = criterion(C_DISCOVERY, "Discovery meeting scheduled",
            "Has the buyer scheduled a discovery meeting?", new Rule.DatePresent(DISCOVERY_DATE));
    static final ExitCriterion DEMO = criterion(C_DEMO, "Demo attended, next step set",
            "Has the buyer taken part in a demonstration and scheduled a next step?",
            new Rule.AllOf(List.of(new Rule.DateInPast(DEMO_DATE), new Rule.DateTodayOrLater(NEXT_STEP_DATE))));
    static final ExitCriterion TECH = criterion(C_TECH, "Technical teams met",
            "Has the buyer's technical team met ours and scheduled a next step?", new Rule.CheckboxTrue(TECH_TEAMS_MET));
    static final ExitCriterion CAST = criterion(C_CAST, "Cast of characters confirmed",
            "Has the buyer confirmed the cast of characters affected by the problem?",
            new Rule.RelatedCountAtLeast(CONTACT_ROLES, 3));
    static final ExitCriterion CO_CREATED = criterion(C_CO_CREATED, "Solution co-created",
            "Has the buyer co-created the solution with us?",
            new Rule.TextPresent(SOLUTION_NOTES, 10, Rule.TextPresent.DEFAULT_PLACEHOLDERS));
    static final ExitCriterion FIT = criterion(C_FIT, "Solution fit confirmed",
            "Has the buyer confirmed solution fit?", new Rule.CheckboxTrue(SOLUTION_FIT));
    static final ExitCriterion PAIN_NEXT_STEP = criterion(C_PAIN_NEXT_STEP, "Next step scheduled",
            "Is a next step scheduled?", new Rule.DateTodayOrLater(NEXT_STEP_DATE));
    static final ExitCriterion BUDGET = criterion(C_BUDGET, "Budget confirmed",
            "Has the buyer verbally confirmed that our budget/pricing works, and set a next step?",
            new Rule.AllOf(List.of(new Rule.CheckboxTrue(BUDGET_CONFIRMED), new Rule.DateTodayOrLater(NEXT_STEP_DATE))));
    static final ExitCriterion DEPLOYMENT = criterion(C_DEPLOYMENT, "Deployment plan approved",
            "Has a C-level contact approved the deployment plan co-developed by both technical teams?",
            new Rule.CheckboxTrue(DEPLOYMENT_PLAN));
    static final ExitCriterion VERBAL = criterion(C_VERBAL, "Verbal commitment",
            "Have we received a verbal commitment from a C-level contact?", new Rule.CheckboxTrue(VERBAL_COMMITMENT));
    static final ExitCriterion CONTRACT = criterion(C_CONTRACT, "Contract acknowledged",
            "Has the C-level contact acknowledged receipt of the contract and told us when to expect it signed?",
            new Rule.AllOf(List.of(new Rule.DatePresent(CONTRACT_RECEIVED), new Rule.DateTodayOrLater(EXPECTED_SIGNING))));

    static final List<String> WON_CHECKLIST = List.of(
            "Was the hand-off to delivery impeccable?",
            "Is all paperwork complete?",
            "When did we last ask for a referral?");
    static final List<String> LOST_POST_MORTEM = List.of(
            "Win or learn: why did we lose?",
            "Which exit criterion did we take on faith?");

    private TestPlaybooks() {
    }

    static ExitCriterion criterion(String key, String label, String question, Rule rule) {
        return new ExitCriterion(key, label, question, rule);
    }

    static BigDecimal p(String fraction) {
        return new BigDecimal(fraction);
    }

    static CrmStage crm(String value, String probability) {
        return new CrmStage(value, p(probability));
    }

    /** The exit criteria of each journey stage, index by index. */
    static List<List<ExitCriterion>> criteriaByStage() {
        return List.of(
                List.of(DISCOVERY),
                List.of(DEMO, TECH),
                List.of(CAST, CO_CREATED, FIT, PAIN_NEXT_STEP),
                List.of(BUDGET),
                List.of(DEPLOYMENT),
                List.of(VERBAL, CONTRACT));
    }

    static Pipeline salesforcePipeline() {
        List<List<ExitCriterion>> criteria = criteriaByStage();
        return new Pipeline("new_business", "New business", List.of(), List.of(
                new JourneyStage(AWARENESS, "Awareness", List.of(crm(PROSPECTING, "0.10")), null,
                        ForecastCategory.PIPELINE, 14, criteria.get(0)),
                new JourneyStage(ENGAGEMENT, "Engagement", List.of(crm(QUALIFICATION, "0.10")), null,
                        ForecastCategory.PIPELINE, 21, criteria.get(1)),
                new JourneyStage(PAIN, "Consideration — pain", List.of(crm(NEEDS_ANALYSIS, "0.20")), null,
                        ForecastCategory.PIPELINE, 30, criteria.get(2)),
                new JourneyStage(INVESTMENT, "Consideration — investment",
                        List.of(crm(VALUE_PROPOSITION, "0.50"), crm(ID_DECISION_MAKERS, "0.60")), null,
                        ForecastCategory.BEST_CASE, 30, criteria.get(3)),
                new JourneyStage(DECISION_PROCESS, "Consideration — decision process",
                        List.of(crm(PERCEPTION_ANALYSIS, "0.70"), crm(PROPOSAL, "0.75")), null,
                        ForecastCategory.BEST_CASE, 30, criteria.get(4)),
                new JourneyStage(DECISION, "Decision", List.of(crm(NEGOTIATION, "0.90")), null,
                        ForecastCategory.COMMIT, 21, criteria.get(5))),
                new ClosedOutcome("Closed won", List.of(crm(CLOSED_WON, "1.00")), WON_CHECKLIST),
                new ClosedOutcome("Closed lost", List.of(crm(CLOSED_LOST, "0")), LOST_POST_MORTEM));
    }

    /** A second Salesforce sales process, selected by record type "Renewal". */
    static Pipeline renewalPipeline() {
        return new Pipeline("renewal", "Renewal", List.of("Renewal"), List.of(
                new JourneyStage("renewal_open", "Renewal open", List.of(crm("Renewal Open", "0.50")), null,
                        ForecastCategory.PIPELINE, null, List.of(VERBAL)),
                new JourneyStage("renewal_committed", "Renewal committed", List.of(crm("Renewal Committed", "0.90")), null,
                        ForecastCategory.COMMIT, null, List.of())),
                new ClosedOutcome("Renewed", List.of(crm("Renewed", "1")), List.of()),
                new ClosedOutcome("Churned", List.of(crm("Churned", "0")), List.of()));
    }

    /** The default journey on Salesforce, USD corporate currency, default output field names. */
    static Playbook salesforce() {
        return new Playbook("default", Crm.SALESFORCE, CrmDialects.SALESFORCE, "USD", List.of(salesforcePipeline()), Map.of());
    }

    /** The Salesforce playbook with a second, record-type-selected pipeline after the default one. */
    static Playbook salesforceWithRenewals() {
        return new Playbook("default", Crm.SALESFORCE, CrmDialects.SALESFORCE, "USD", List.of(renewalPipeline(), salesforcePipeline()), Map.of());
    }

    /**
     * The default journey on HubSpot's default pipeline: Awareness maps no dealstage, so it carries an explicit
     * probability of 0.05. Same criteria (field names) as the Salesforce playbook.
     */
    static Playbook hubspot() {
        List<List<ExitCriterion>> criteria = criteriaByStage();
        Pipeline pipeline = new Pipeline("default", "Sales pipeline", List.of(), List.of(
                new JourneyStage(AWARENESS, "Awareness", List.of(), HS_AWARENESS_PROBABILITY,
                        ForecastCategory.PIPELINE, 14, criteria.get(0)),
                new JourneyStage(ENGAGEMENT, "Engagement", List.of(crm(HS_APPOINTMENT, "0.2")), null,
                        ForecastCategory.PIPELINE, 21, criteria.get(1)),
                new JourneyStage(PAIN, "Consideration — pain", List.of(crm(HS_QUALIFIED, "0.4")), null,
                        ForecastCategory.PIPELINE, 30, criteria.get(2)),
                new JourneyStage(INVESTMENT, "Consideration — investment", List.of(crm(HS_PRESENTATION, "0.6")), null,
                        ForecastCategory.BEST_CASE, 30, criteria.get(3)),
                new JourneyStage(DECISION_PROCESS, "Consideration — decision process", List.of(crm(HS_DECISION_MAKER, "0.8")), null,
                        ForecastCategory.BEST_CASE, 30, criteria.get(4)),
                new JourneyStage(DECISION, "Decision", List.of(crm(HS_CONTRACT, "0.9")), null,
                        ForecastCategory.COMMIT, 21, criteria.get(5))),
                new ClosedOutcome("Closed won", List.of(crm(HS_WON, "1.0")), WON_CHECKLIST),
                new ClosedOutcome("Closed lost", List.of(crm(HS_LOST, "0.0")), LOST_POST_MORTEM));
        return new Playbook("default", Crm.HUBSPOT, CrmDialects.HUBSPOT, "USD", List.of(pipeline), Map.of());
    }

    static Evaluator salesforceEvaluator() {
        return new Evaluator(salesforce(), CLOCK);
    }

    static Evaluator hubspotEvaluator() {
        return new Evaluator(hubspot(), CLOCK);
    }

    /** A clock fixed at noon UTC of the given day. */
    static Clock clockOn(LocalDate day) {
        return Clock.fixed(day.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }
}
