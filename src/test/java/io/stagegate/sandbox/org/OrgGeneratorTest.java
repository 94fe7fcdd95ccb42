package io.stagegate.sandbox.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stagegate.criteria.CrmStage;
import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import io.stagegate.criteria.StageTransition;
import io.stagegate.playbook.PlaybookLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrgGeneratorTest {
    static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    static final Playbook SALESFORCE = PlaybookLoader.fromClasspath("playbooks/default-salesforce.yaml");
    static final Playbook HUBSPOT = PlaybookLoader.fromClasspath("playbooks/default-hubspot.yaml");
    private static final int SIZE = 4000;

    @Test
    void sameSeedGivesEqualDealsAndEachDealDependsOnItsSeqAlone() {
        OrgGenerator one = new OrgGenerator(SALESFORCE, 42, 1000, Clock.fixed(NOW, ZoneOffset.UTC));
        OrgGenerator two = new OrgGenerator(SALESFORCE, 42, 1000, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(one.deals().collect(Collectors.toList())).isEqualTo(two.deals().collect(Collectors.toList()));
        // another size, another hour of the same day, and reading out of order change nothing
        OrgGenerator bigger = new OrgGenerator(SALESFORCE, 42, 1_000_000, Clock.fixed(NOW.plusSeconds(3 * 3600), ZoneOffset.UTC));
        for (int seq : new int[] {999, 3, 500, 0}) {
            assertThat(bigger.deal(seq)).isEqualTo(one.deal(seq));
        }
        OrgGenerator other = new OrgGenerator(SALESFORCE, 43, 1000, Clock.fixed(NOW, ZoneOffset.UTC));
        long differing = one.deals().filter(deal -> !deal.equals(other.deal(deal.seq()))).count();
        assertThat(differing).isGreaterThan(990);
        OrgGenerator nextDay = new OrgGenerator(SALESFORCE, 42, 1000, Clock.fixed(NOW.plusSeconds(86_400), ZoneOffset.UTC));
        assertThat(nextDay.deal(1)).isNotEqualTo(one.deal(1));
    }

    @Test
    void hasEightRepsWithEveryHabitAndOneOptimist() {
        List<Rep> reps = new OrgGenerator(HUBSPOT, 1, 10, Clock.fixed(NOW, ZoneOffset.UTC)).reps();
        assertThat(reps).hasSizeGreaterThanOrEqualTo(8);
        assertThat(reps.stream().map(Rep::habit).collect(Collectors.toSet())).containsExactlyInAnyOrder(Habit.values());
        assertThat(reps.stream().filter(rep -> rep.habit() == Habit.OPTIMIST)).hasSize(1);
        assertThat(reps.stream().map(Rep::id).distinct()).hasSize(reps.size());
    }

    static Stream<Arguments> orgs() {
        return Stream.of(
                Arguments.of("salesforce", SALESFORCE, ZoneOffset.UTC),
                Arguments.of("hubspot", HUBSPOT, ZoneId.of("Europe/Berlin")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orgs")
    void generatesABelievableOrgThatTheEngineAgreesWith(String name, Playbook playbook, ZoneId zone) {
        Clock clock = Clock.fixed(NOW, zone);
        OrgGenerator generator = new OrgGenerator(playbook, 42, SIZE, clock);
        Stats stats = measure(generator, clock);
        stats.print(name);

        double optimist = stats.overStagedShare(Habit.OPTIMIST);
        assertThat(optimist).as("optimist over-staged share").isCloseTo(0.50, within(0.10));
        assertThat(stats.overStagedShare(Habit.RELIABLE)).as("reliable over-staged share").isLessThanOrEqualTo(0.10);
        assertThat(stats.overStagedShare(Habit.CAREFUL)).isLessThanOrEqualTo(0.15);
        assertThat(stats.overStagedShare(Habit.AVERAGE)).isBetween(0.10, 0.30);
        assertThat(stats.open).isBetween(SIZE * 35 / 100, SIZE * 55 / 100);
        assertThat(stats.currencies.keySet()).containsExactlyInAnyOrder("USD", "EUR");
        assertThat(stats.currencies.get("EUR") / (double) SIZE).isCloseTo(0.30, within(0.05));
        assertThat(stats.won).isPositive();
        assertThat(stats.lost).isPositive();
        assertThat(stats.skippingJumps).as("jumps over whole stages that skipped criteria").isGreaterThan(20);
        assertThat(stats.skippingMoves).isGreaterThan(stats.skippingJumps);
        assertThat(stats.regressions).isGreaterThan(20);
        assertThat(stats.honestSkips).as("forward moves of honest deals that skipped criteria").isZero();
        assertThat(stats.winRate(false) - stats.winRate(true)).as("honest deals win more often").isGreaterThan(0.15);
        for (Pipeline pipeline : playbook.pipelines()) {
            Set<String> mappedOpen = new HashSet<>();
            for (JourneyStage stage : pipeline.stages()) {
                stage.crmStages().stream().map(CrmStage::value).forEach(mappedOpen::add);
            }
            assertThat(stats.openStages.get(pipeline.key())).as("open CRM stages populated").isEqualTo(mappedOpen);
        }
        if (name.equals("salesforce")) {
            assertThat(stats.withinStageMoves).isPositive();
        }
    }

    @Test
    void spreadsDealsOverEveryPipelineAndSurvivesExpressions() {
        Playbook playbook = PlaybookLoader.load("test", TWO_PIPELINES);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        OrgGenerator generator = new OrgGenerator(playbook, 9, 2000, clock);
        Stats stats = measure(generator, clock);
        stats.print("two pipelines + CEL");
        assertThat(stats.openStages.keySet()).containsExactlyInAnyOrder("standard", "renewal");
        assertThat(stats.openStages.get("renewal")).containsExactlyInAnyOrder("Renewal Open", "Renewal Quote", "Renewal Negotiation");
        assertThat(stats.overStagedShare(Habit.OPTIMIST)).isGreaterThan(0.3);
    }

    /**
     * Times 200,000 deals streamed one by one (nothing collected). The bound is on the generating thread's CPU time: the
     * build machine is shared by parallel builds, so wall time measures the load more than the generator (both are
     * printed; about 4 µs a deal once the JIT has compiled the generator).
     */
    @Test
    void streamsTwoHundredThousandDealsQuicklyWithoutKeepingThem() {
        OrgGenerator generator = new OrgGenerator(SALESFORCE, 7, 1_000_000, Clock.fixed(NOW, ZoneOffset.UTC));
        generator.deals().skip(800_000).limit(20_000).forEach(deal -> { }); // let the JIT compile the generator
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long[] totals = new long[3];
        generator.deals().limit(200_000).forEach(deal -> {
            totals[0]++;
            totals[1] += deal.history().size();
            totals[2] += deal.fields().size();
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf("streamed %,d deals in %.2f s wall, %.2f s CPU (%.1f µs CPU/deal, ~%.0f s CPU per million;"
                        + " %.1f history entries, %.1f fields per deal)%n",
                totals[0], seconds, cpuSeconds, cpuSeconds * 1e6 / totals[0], cpuSeconds * 5, totals[1] / (double) totals[0],
                totals[2] / (double) totals[0]);
        assertThat(totals[0]).isEqualTo(200_000);
        assertThat(cpuSeconds).isLessThan(10);
    }

    // ------------------------------------------------------------------------------------------------------------

    static final class Stats {
        final Map<Habit, int[]> openByHabit = new EnumMap<>(Habit.class);
        final Map<Habit, int[]> lapsedByHabit = new EnumMap<>(Habit.class);
        final Map<String, Integer> currencies = new HashMap<>();
        final Map<String, Set<String>> openStages = new HashMap<>();
        final int[] closedHonest = new int[2];
        final int[] closedOver = new int[2];
        int open;
        int won;
        int lost;
        int skippingMoves;
        int skippingJumps;
        int regressions;
        int withinStageMoves;
        int honestSkips;

        double overStagedShare(Habit habit) {
            int[] counts = openByHabit.get(habit);
            return counts[1] / (double) counts[0];
        }

        double winRate(boolean overStaged) {
            int[] counts = overStaged ? closedOver : closedHonest;
            return counts[1] / (double) counts[0];
        }

        void print(String name) {
            StringBuilder text = new StringBuilder(name + ": " + open + " open, " + won + " won, " + lost + " lost; over-staged open deals by habit:");
            openByHabit.forEach((habit, counts) -> text.append(String.format(" %s %.1f %% of %d,", habit, 100.0 * counts[1] / counts[0], counts[0])));
            text.append(" lapsed next steps:");
            lapsedByHabit.forEach((habit, counts) -> text.append(String.format(" %s %.1f %%,", habit, 100.0 * counts[1] / counts[0])));
            text.append(String.format(" win rate honest %.1f %% / over-staged %.1f %%; moves that skipped criteria %d (of which jumps over stages %d),"
                    + " regressions %d, within-stage moves %d; currencies %s", 100 * winRate(false), 100 * winRate(true),
                    skippingMoves, skippingJumps, regressions, withinStageMoves, currencies));
            System.out.println(text);
        }
    }

    static Stats measure(OrgGenerator generator, Clock clock) {
        Playbook playbook = generator.playbook();
        Evaluator evaluator = new Evaluator(playbook, clock);
        ZoneId zone = clock.getZone();
        LocalDate today = LocalDate.now(clock);
        Instant startOfToday = today.atStartOfDay(zone).toInstant();
        LocalDate quarter = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
        LocalDate nextQuarterEnd = quarter.plusMonths(6).minusDays(1);
        List<String> schedule = RuleValues.of(playbook).scheduleFields();
        Set<String> relations = playbook.criteriaRelations();
        Stats stats = new Stats();
        for (Habit habit : Habit.values()) {
            stats.openByHabit.put(habit, new int[2]);
            stats.lapsedByHabit.put(habit, new int[2]);
        }
        generator.deals().forEach(deal -> {
            Opportunity opportunity = generator.toOpportunity(deal);
            Evaluation evaluation = evaluator.evaluate(opportunity);
            Pipeline pipeline = playbook.pipelineFor(opportunity.pipeline());
            assertThat(pipeline.key()).isEqualTo(deal.pipeline());
            assertThat(deal.name()).contains(" — ");
            assertThat(deal.amount()).isBetween(BigDecimal.valueOf(5_000), BigDecimal.valueOf(500_000));
            assertThat(deal.amount().scale()).isLessThanOrEqualTo(0);
            assertThat(deal.related().keySet()).containsAll(relations);
            stats.currencies.merge(deal.currency(), 1, Integer::sum);

            List<StageChange> history = deal.history();
            assertThat(history).isNotEmpty();
            assertThat(history.get(0).at()).isEqualTo(deal.createdAt());
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).at()).isAfter(history.get(i - 1).at());
                assertThat(history.get(i).stage()).isNotEqualTo(history.get(i - 1).stage());
            }
            assertThat(history.get(history.size() - 1).stage()).isEqualTo(deal.stage());
            assertThat(history.get(history.size() - 1).at()).isBefore(startOfToday);

            for (StageTransition move : evaluation.transitions()) {
                assertThat(move.kind()).isNotEqualTo(StageTransition.Kind.UNMAPPED);
                if (move.isForward() && move.skippedCriteria()) {
                    stats.skippingMoves++;
                    if (move.skippedStagesFlag()) {
                        stats.skippingJumps++;
                    }
                    if (!deal.overStagedByDesign()) {
                        stats.honestSkips++;
                    }
                }
                if (move.isRegression()) {
                    stats.regressions++;
                }
                if (move.kind() == StageTransition.Kind.WITHIN_STAGE) {
                    stats.withinStageMoves++;
                }
            }

            if (evaluation.isOpen()) {
                stats.open++;
                assertThat(evaluation.overStaged()).as("deal %s over-staged by design", deal.seq()).isEqualTo(deal.overStagedByDesign());
                assertThat(deal.closeDate()).isBetween(quarter, nextQuarterEnd);
                int[] counts = stats.openByHabit.get(deal.owner().habit());
                counts[0]++;
                counts[1] += deal.overStagedByDesign() ? 1 : 0;
                boolean lapsed = schedule.stream().anyMatch(field -> deal.fields().get(field) instanceof LocalDate
                        && ((LocalDate) deal.fields().get(field)).isBefore(today));
                int[] lapses = stats.lapsedByHabit.get(deal.owner().habit());
                lapses[0]++;
                lapses[1] += lapsed ? 1 : 0;
                stats.openStages.computeIfAbsent(deal.pipeline(), k -> new HashSet<>()).add(deal.stage());
            } else {
                boolean won = evaluation.status() == io.stagegate.criteria.OpportunityStatus.WON;
                if (won) {
                    stats.won++;
                } else {
                    stats.lost++;
                }
                assertThat(deal.closeDate()).isBefore(today).isAfterOrEqualTo(quarter.minusMonths(12));
                assertThat(LocalDate.ofInstant(history.get(history.size() - 1).at(), zone)).isEqualTo(deal.closeDate());
                // as it stood before it closed, on its close day, the engine agrees with the design
                List<StageChange> before = new ArrayList<>(history.subList(0, history.size() - 1));
                Opportunity open = new Opportunity(opportunity.id(), opportunity.pipeline(), before.get(before.size() - 1).stage(),
                        deal.amount(), deal.currency(), deal.closeDate(), deal.owner().id(), deal.fields(), deal.related(), null, before);
                assertThat(evaluator.evaluate(open, deal.closeDate()).overStaged()).as("closed deal %s before its close", deal.seq())
                        .isEqualTo(deal.overStagedByDesign());
                int[] counts = deal.overStagedByDesign() ? stats.closedOver : stats.closedHonest;
                counts[0]++;
                counts[1] += won ? 1 : 0;
            }
        });
        return stats;
    }

    static final String TWO_PIPELINES = """
            name: Two pipelines
            crm: salesforce
            currency: EUR
            criteria:
              discovery_meeting_scheduled:
                label: Discovery meeting scheduled
                question: Has the buyer scheduled a discovery meeting?
                rule: { datePresent: Discovery_Meeting_Date__c }
              big_enough:
                label: Big enough
                question: Is the deal big enough to pursue?
                rule: { cel: "amount >= 20000.0" }
              demo_attended_next_step:
                label: Demo attended, next step set
                question: Has the buyer taken part in a demonstration and scheduled a next step?
                rule:
                  allOf:
                    - dateInPast: Demo_Date__c
                    - dateTodayOrLater: Next_Step_Date__c
              cast_of_characters_confirmed:
                label: Cast of characters confirmed
                question: Has the buyer confirmed the cast of characters?
                rule:
                  anyOf:
                    - checkbox: Stakeholders_Confirmed__c
                    - relatedCountAtLeast: { relation: OpportunityContactRoles, min: 3 }
              champion:
                label: Champion named
                question: Who is the champion?
                rule: { text: { field: Champion__c, minLength: 5 } }
              budget:
                label: Budget sized
                question: Is the budget at least 10,000?
                rule: { numberAtLeast: { field: Budget_Amount__c, min: 10000 } }
              renewal_confirmed:
                label: Renewal confirmed
                question: Has the customer confirmed the renewal?
                rule: { valueIn: { field: Renewal_Status__c, values: [Confirmed, Signed] } }
              usage_reviewed:
                label: Usage reviewed recently
                question: Did we review usage in the last 60 days?
                rule: { dateNotOlderThan: { field: Usage_Review_Date__c, days: 60 } }
            pipelines:
              - key: standard
                label: New business
                stages:
                  - key: awareness
                    label: Awareness
                    crmStages: [{ value: Prospecting, probability: 10 }]
                    forecastCategory: pipeline
                    exitCriteria: [discovery_meeting_scheduled, big_enough]
                  - key: engagement
                    label: Engagement
                    crmStages: [{ value: Qualification, probability: 20 }]
                    forecastCategory: pipeline
                    exitCriteria: [demo_attended_next_step]
                  - key: consideration
                    label: Consideration
                    crmStages: [{ value: Needs Analysis, probability: 40 }, { value: Proposal/Price Quote, probability: 60 }]
                    forecastCategory: best_case
                    exitCriteria: [cast_of_characters_confirmed, champion, budget]
                  - key: decision
                    label: Decision
                    crmStages: [{ value: Negotiation/Review, probability: 90 }]
                    forecastCategory: commit
                    exitCriteria: []
                won: { label: Won, crmStages: [{ value: Closed Won, probability: 100 }], checklist: [] }
                lost: { label: Lost, crmStages: [{ value: Closed Lost, probability: 0 }], checklist: [] }
              - key: renewal
                label: Renewals
                crmPipelines: [Renewal]
                stages:
                  - key: open
                    label: Open
                    crmStages: [{ value: Renewal Open, probability: 30 }]
                    forecastCategory: pipeline
                    exitCriteria: [usage_reviewed]
                  - key: quote
                    label: Quote
                    crmStages: [{ value: Renewal Quote, probability: 60 }]
                    forecastCategory: best_case
                    exitCriteria: [renewal_confirmed, demo_attended_next_step]
                  - key: negotiation
                    label: Negotiation
                    crmStages: [{ value: Renewal Negotiation, probability: 90 }]
                    forecastCategory: commit
                    exitCriteria: []
                won: { label: Renewed, crmStages: [{ value: Renewed, probability: 100 }], checklist: [] }
                lost: { label: Churned, crmStages: [{ value: Churned, probability: 0 }], checklist: [] }
            """;
}
