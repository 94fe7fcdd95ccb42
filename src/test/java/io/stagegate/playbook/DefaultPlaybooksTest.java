package io.stagegate.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.stagegate.criteria.ClosedOutcome;
import io.stagegate.criteria.Crm;
import io.stagegate.criteria.CrmStage;
import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The playbooks shipped in the application's resources, against the default mapping of PRODUCT.md §1 and §2. */
class DefaultPlaybooksTest {
    private static final String SALESFORCE = "playbooks/default-salesforce.yaml";
    private static final String HUBSPOT = "playbooks/default-hubspot.yaml";

    private static final List<String> JOURNEY = List.of("awareness", "engagement", "consideration_pain",
            "consideration_investment", "consideration_decision", "decision");

    /** The exit-criteria debrief questions of PRODUCT.md §1, by journey stage. */
    private static final Map<String, List<String>> QUESTIONS = Map.of(
            "awareness", List.of("Has the buyer scheduled a discovery meeting?"),
            "engagement", List.of(
                    "Has the buyer taken part in a demonstration and scheduled a next step?",
                    "Has the buyer's technical team met ours and scheduled a next step?"),
            "consideration_pain", List.of(
                    "Has the buyer confirmed the cast of characters affected by the problem?",
                    "Has the buyer co-created the solution with us (their fingerprints are on it)?",
                    "Has the buyer confirmed solution fit?",
                    "Is a next step scheduled?"),
            "consideration_investment", List.of("Has the buyer verbally confirmed that our budget/pricing works, and set a next step?"),
            "consideration_decision", List.of(
                    "Has a C-level contact approved the deployment plan co-developed by both technical teams, and set a next step?"),
            "decision", List.of(
                    "Have we received a verbal commitment from a C-level contact to do business together?",
                    "Has the C-level contact acknowledged receipt of the contract and told us when to expect it signed?"));

    /** The Advocacy checklist of PRODUCT.md §1, asked after a win. */
    private static final List<String> ADVOCACY = List.of(
            "Was the hand-off to delivery impeccable?",
            "Is all paperwork complete?",
            "When did we last ask for a referral?",
            "Is a quarterly business review scheduled?",
            "Will they give a testimonial?",
            "Will they introduce us to their first-level contacts?");

    private static String resource(String location) throws IOException {
        try (InputStream in = DefaultPlaybooksTest.class.getClassLoader().getResourceAsStream(location)) {
            assertThat(in).as(location).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, JourneyStage> stagesByKey(Pipeline pipeline) {
        return pipeline.stages().stream().collect(Collectors.toMap(JourneyStage::key, Function.identity()));
    }

    private static void assertFractions(List<CrmStage> stages, Object... valuesAndFractions) {
        assertThat(stages).hasSize(valuesAndFractions.length / 2);
        for (int i = 0; i < stages.size(); i++) {
            assertThat(stages.get(i).value()).isEqualTo(valuesAndFractions[2 * i]);
            assertThat(stages.get(i).probability()).as(stages.get(i).value())
                    .isEqualByComparingTo(new BigDecimal((String) valuesAndFractions[2 * i + 1]));
        }
    }

    @Test
    void bothShippedPlaybooksHaveNoProblems() throws IOException {
        assertThat(PlaybookLoader.validate(resource(SALESFORCE))).isEmpty();
        assertThat(PlaybookLoader.validate(resource(HUBSPOT))).isEmpty();
        assertThat(PlaybookLoader.fromClasspath(SALESFORCE).crm()).isEqualTo(Crm.SALESFORCE);
        assertThat(PlaybookLoader.fromClasspath(HUBSPOT).crm()).isEqualTo(Crm.HUBSPOT);
    }

    @Test
    void salesforceMapsTheStandardStageNamesWithTheirDefaultProbabilitiesAsFractions() {
        Playbook playbook = PlaybookLoader.fromClasspath(SALESFORCE);
        Pipeline pipeline = playbook.defaultPipeline();
        Map<String, JourneyStage> stages = stagesByKey(pipeline);

        assertThat(playbook.pipelines()).hasSize(1);
        assertThat(pipeline.stages()).extracting(JourneyStage::key).containsExactlyElementsOf(JOURNEY);
        assertFractions(stages.get("awareness").crmStages(), "Prospecting", "0.1");
        assertFractions(stages.get("engagement").crmStages(), "Qualification", "0.1");
        assertFractions(stages.get("consideration_pain").crmStages(), "Needs Analysis", "0.2");
        assertFractions(stages.get("consideration_investment").crmStages(), "Value Proposition", "0.5", "Id. Decision Makers", "0.6");
        assertFractions(stages.get("consideration_decision").crmStages(), "Perception Analysis", "0.7", "Proposal/Price Quote", "0.75");
        assertFractions(stages.get("decision").crmStages(), "Negotiation/Review", "0.9");
        assertFractions(pipeline.won().crmStages(), "Closed Won", "1");
        assertFractions(pipeline.lost().crmStages(), "Closed Lost", "0");
        assertThat(pipeline.position("Id. Decision Makers")).hasValueSatisfying(position -> assertThat(position.index()).isEqualTo(3));
        assertThat(pipeline.position("Proposal/Price Quote")).hasValueSatisfying(position -> assertThat(position.index()).isEqualTo(4));
    }

    @Test
    void salesforceAsksEveryDebriefQuestionAtItsStage() {
        assertDebriefQuestions(PlaybookLoader.fromClasspath(SALESFORCE).defaultPipeline());
    }

    @Test
    void salesforceCriteriaReadOnlySalesforceApiNames() {
        Playbook playbook = PlaybookLoader.fromClasspath(SALESFORCE);

        assertThat(playbook.criteriaFields()).isNotEmpty()
                .contains("Discovery_Meeting_Date__c", "Next_Step_Date__c", "Budget_Confirmed__c", "Deployment_Plan_Approved__c")
                .allSatisfy(field -> assertThat(CrmNames.problem(Crm.SALESFORCE, field)).as(field).isNull());
        assertThat(playbook.criteriaRelations()).containsExactly("OpportunityContactRoles");
    }

    @Test
    void hubspotMapsTheDefaultDealStagesWithTheirProbabilities() {
        Playbook playbook = PlaybookLoader.fromClasspath(HUBSPOT);
        Pipeline pipeline = playbook.defaultPipeline();
        Map<String, JourneyStage> stages = stagesByKey(pipeline);

        assertThat(pipeline.crmPipelines()).containsExactly("default");
        assertThat(pipeline.stages()).extracting(JourneyStage::key).containsExactlyElementsOf(JOURNEY);
        assertFractions(stages.get("engagement").crmStages(), "appointmentscheduled", "0.2");
        assertFractions(stages.get("consideration_pain").crmStages(), "qualifiedtobuy", "0.4");
        assertFractions(stages.get("consideration_investment").crmStages(), "presentationscheduled", "0.6");
        assertFractions(stages.get("consideration_decision").crmStages(), "decisionmakerboughtin", "0.8");
        assertFractions(stages.get("decision").crmStages(), "contractsent", "0.9");
        assertFractions(pipeline.won().crmStages(), "closedwon", "1");
        assertFractions(pipeline.lost().crmStages(), "closedlost", "0");
    }

    @Test
    void hubspotHasARenewalsPipelineOfCustomStagesOnTheSameJourney() {
        Playbook playbook = PlaybookLoader.fromClasspath(HUBSPOT);
        Pipeline renewal = playbook.pipelineFor("75839201");

        assertThat(playbook.pipelines()).extracting(Pipeline::key).containsExactly("default", "renewal");
        assertThat(playbook.defaultPipeline().key()).isEqualTo("default");
        assertThat(renewal.key()).isEqualTo("renewal");
        assertThat(renewal.stages()).extracting(JourneyStage::key).containsExactlyElementsOf(JOURNEY);
        assertThat(renewal.stages()).allSatisfy(stage -> assertThat(stage.crmStages()).isNotEmpty()
                .allSatisfy(crm -> assertThat(crm.value()).matches("\\d+")));
        assertFractions(stagesByKey(renewal).get("consideration_decision").crmStages(), "75839206", "0.7", "75839207", "0.8");
        assertFractions(renewal.won().crmStages(), "75839209", "1");
        assertFractions(renewal.lost().crmStages(), "75839210", "0");
        assertDebriefQuestions(renewal);
    }

    @Test
    void hubspotAwarenessMapsNoDealStageAndCarriesAnExplicitProbability() {
        JourneyStage awareness = PlaybookLoader.fromClasspath(HUBSPOT).defaultPipeline().stage(0);

        assertThat(awareness.key()).isEqualTo("awareness");
        assertThat(awareness.crmStages()).isEmpty();
        assertThat(awareness.probability()).isNotNull().isBetween(BigDecimal.ZERO, new BigDecimal("0.2"));
        assertThat(awareness.qualifiedProbability()).isEqualTo(awareness.probability());
    }

    @Test
    void hubspotAsksEveryDebriefQuestionAtItsStage() {
        assertDebriefQuestions(PlaybookLoader.fromClasspath(HUBSPOT).defaultPipeline());
    }

    @Test
    void hubspotCriteriaReadLowercaseInternalNamesAndCountContacts() {
        Playbook playbook = PlaybookLoader.fromClasspath(HUBSPOT);

        assertThat(playbook.criteriaFields()).isNotEmpty()
                .contains("discovery_meeting_date", "next_step_date", "budget_confirmed", "deployment_plan_approved")
                .allSatisfy(field -> {
                    assertThat(field).matches("[a-z][a-z0-9_]*");
                    assertThat(CrmNames.problem(Crm.HUBSPOT, field)).as(field).isNull();
                });
        assertThat(playbook.criteriaRelations()).containsExactly("contacts");
    }

    @Test
    void bothPlaybooksAskTheSameQuestionsOfTheSameCriteria() {
        Pipeline salesforce = PlaybookLoader.fromClasspath(SALESFORCE).defaultPipeline();
        Pipeline hubspot = PlaybookLoader.fromClasspath(HUBSPOT).defaultPipeline();

        assertThat(criteria(hubspot)).extracting(ExitCriterion::key, ExitCriterion::label, ExitCriterion::question)
                .containsExactlyElementsOf(criteria(salesforce).stream()
                        .map(criterion -> tuple(criterion.key(), criterion.label(), criterion.question())).toList());
        assertThat(hubspot.stages()).extracting(JourneyStage::forecastCategory, JourneyStage::benchmarkDays)
                .containsExactlyElementsOf(salesforce.stages().stream()
                        .map(stage -> tuple(stage.forecastCategory(), stage.benchmarkDays())).toList());
    }

    private static List<ExitCriterion> criteria(Pipeline pipeline) {
        return pipeline.stages().stream().flatMap(stage -> stage.exitCriteria().stream()).toList();
    }

    private static void assertDebriefQuestions(Pipeline pipeline) {
        for (JourneyStage stage : pipeline.stages()) {
            assertThat(stage.exitCriteria()).as("questions of %s", stage.key())
                    .extracting(ExitCriterion::question)
                    .containsExactlyElementsOf(QUESTIONS.get(stage.key()));
        }
        ClosedOutcome won = pipeline.won();
        assertThat(won.label()).isEqualTo("Advocacy");
        assertThat(won.checklist()).containsExactlyElementsOf(ADVOCACY);
        assertThat(pipeline.lost().checklist()).isNotEmpty();
    }
}
