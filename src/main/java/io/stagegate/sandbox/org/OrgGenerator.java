package io.stagegate.sandbox.org;

import io.stagegate.criteria.CrmStage;
import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A deterministic synthetic sales org for a playbook: reps with documented habits and their opportunities, already in
 * the playbook's CRM vocabulary. Every deal is computed from {@code (seed, seq)} alone (plus the playbook and the
 * clock's day), so a sandbox of a million deals can be streamed without holding them; the same playbook, seed, size
 * and day always give equal deals. Pure Java, thread-safe.
 *
 * <h2>The org</h2>
 * Eight reps ({@link #defaultReps()}), deal {@code seq} belongs to rep {@code seq % 8}:
 * <ul>
 *   <li>Jim Hopewell, {@link Habit#OPTIMIST}: over-stages about half of his open deals, mostly with lapsed next steps,
 *       and records forward jumps that pass over whole stages;</li>
 *   <li>Maria Lindqvist and Kenji Watanabe, {@link Habit#CAREFUL};</li>
 *   <li>Tom Becker and Aisha Bello, {@link Habit#RELIABLE};</li>
 *   <li>Sofia Alvarez, Liam O'Connor and Priya Raman, {@link Habit#AVERAGE}.</li>
 * </ul>
 *
 * <h2>A deal</h2>
 * <ul>
 *   <li><b>Period</b>: 45 % open with a close date in the current or next calendar quarter (a few of the slip-prone
 *       reps' deals are past due within the current quarter); 55 % closed won or lost with a close date between the
 *       first day of the quarter four quarters back and yesterday.</li>
 *   <li><b>Pipeline</b>: spread evenly over the playbook's pipelines that the engine can select (the default one and
 *       those naming CRM pipelines). <b>Currency</b>: USD 70 %, EUR 30 %. <b>Amount</b>: log-normal around 30,000
 *       within 5,000–500,000, rounded to hundreds. <b>Name</b>: "Account — subject".</li>
 *   <li><b>Stage</b>: open deals sit at every journey stage that maps a CRM stage (fewer at later ones) and at every
 *       CRM stage of it. A deal is over-staged with the owner's {@link Habit#overStageRate()}: qualified stage q is
 *       drawn below the recorded r, every criterion of stages below q is satisfied, one or two of q are violated,
 *       those of stages above q are met at random. An honest deal meets every criterion below r. The criteria of the
 *       recorded stage itself are met at random ("partly"): they are what the deal needs next.</li>
 *   <li><b>Next steps</b>: the fields some {@code dateTodayOrLater} rule reads ({@link RuleValues#scheduleFields()})
 *       either hold a past date for every such field (lapsed) or none does (absent or today and later). Honest deals
 *       lapse with lapsedNextStepRate where that keeps them honest (recorded at or below the first stage that needs a
 *       scheduled next step, a share e of them); over-staged deals lapse with
 *       min(0.9, lapsedNextStepRate × (1 − (1 − overStageRate) × e) / overStageRate), so that about lapsedNextStepRate
 *       of all deals lapse, and then get their q at or below that first stage.</li>
 *   <li><b>Field values</b> come from {@link RuleValues}: one draft per deal holds every requirement, so criteria that
 *       share a field come out consistent (value classes are cut by the rules themselves, so the verdicts hold by
 *       construction; with an expression rule involved they are re-checked with the rules). Dates
 *       proving a stage's criteria fall before the deal left that stage, so honest forward moves do not show as
 *       skipped criteria in the engine's transition output.</li>
 *   <li><b>History</b>: oldest first, strictly increasing, from {@code createdAt} to before the start of today (open)
 *       or to the close (closed); the last entry is the current stage. Deals start at the first mappable stage (one
 *       in five at the second, as inbound leads), move one stage at a time, sometimes through two CRM stages of one
 *       journey stage; the optimist's over-staged deals jump from a stage at or below q over whole stages, usually
 *       straight to r; about one deal in ten regresses once and moves on again. Closed deals end in the won or lost
 *       CRM stage.</li>
 *   <li><b>Outcomes</b>: a closed deal is first shaped like an open one as of its close date at its last open stage
 *       (won deals mostly from the last stage, lost ones from any); honest deals win with 60 %, over-staged ones with
 *       25 %, both times (1 − slipRate/2). An honest won deal meets every criterion of every stage.</li>
 *   <li><b>Related counts</b>: every relation a {@code relatedCountAtLeast} rule counts gets a count (never absent).</li>
 * </ul>
 * Expression (CEL) rules cannot be generated (see {@link RuleValues}); a deal whose intended verdicts they contradict
 * is re-drawn a few times and, failing that, keeps its values with {@code overStagedByDesign} set to what the rules
 * actually say, so the flag never lies.
 */
public final class OrgGenerator {
    static final double OPEN_SHARE = 0.45;
    static final double EUR_SHARE = 0.30;
    private static final int ATTEMPTS = 6;
    private static final byte NONE = -1;
    private static final byte VIOLATE = 0;
    private static final byte SATISFY = 1;

    private static final List<Rep> REPS = List.of(
            new Rep("rep-01", "Jim Hopewell", Habit.OPTIMIST),
            new Rep("rep-02", "Maria Lindqvist", Habit.CAREFUL),
            new Rep("rep-03", "Tom Becker", Habit.RELIABLE),
            new Rep("rep-04", "Sofia Alvarez", Habit.AVERAGE),
            new Rep("rep-05", "Kenji Watanabe", Habit.CAREFUL),
            new Rep("rep-06", "Aisha Bello", Habit.RELIABLE),
            new Rep("rep-07", "Liam O'Connor", Habit.AVERAGE),
            new Rep("rep-08", "Priya Raman", Habit.AVERAGE));

    private static final List<String> ACCOUNTS = List.of(
            "Acme Corp", "Globex", "Initech", "Umbrella Logistics", "Stark Components", "Wayne Freight", "Hooli",
            "Vandelay Industries", "Soylent Foods", "Tyrell Systems", "Cyberdyne Labs", "Wonka Confections",
            "Gringotts Finance", "Oceanic Air", "Aperture Science", "Monarch Energy", "Nordwind Maschinenbau",
            "Bleu Horizon SA", "Kestrel Analytics", "Pinecrest Health", "Bluefin Retail", "Orbital Telecom",
            "Helvetia Precision", "Lumen Utilities", "Brightwater Insurance", "Castellan Bank", "Redwood Media",
            "Atlas Mining", "Meridian Hotels", "Quantum Pharma", "Silverline Rail", "Northstar Foods",
            "Evergreen Packaging", "Falcon Aerospace", "Granite Construction Group", "Harbor Shipping",
            "Ironbridge Steel", "Juniper Education", "Kronos Watches", "Lighthouse Software", "Maple Leaf Dairy",
            "Neptune Water", "Obsidian Security", "Polaris Automotive", "Riviera Cosmetics", "Sequoia Capital Partners",
            "Tundra Outdoor", "Vertex Chemicals");
    private static final List<String> SUBJECTS = List.of(
            "Platform expansion", "New logo", "Renewal and upsell", "Pilot", "EMEA rollout", "Analytics add-on",
            "Enterprise licence", "Migration project", "Second business unit", "Security upgrade",
            "Multi-year agreement", "Proof of concept", "Global rollout", "Support tier upgrade", "Data integration",
            "Seat expansion");

    private final Playbook playbook;
    private final long seed;
    private final int size;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final LocalDate today;
    private final Instant horizon;
    private final LocalDate currentQuarter;
    private final LocalDate nextQuarterEnd;
    private final LocalDate firstClosed;
    private final RuleValues values;
    private final List<PipelineModel> pipelines;

    /**
     * @param size the number of deals, seq 0 … size−1
     * @param clock only its day (in its zone) matters: "today" for dates, quarters and the end of histories
     */
    public OrgGenerator(Playbook playbook, long seed, int size, Clock clock) {
        this.playbook = Objects.requireNonNull(playbook, "playbook");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, was " + size);
        }
        this.seed = seed;
        this.size = size;
        this.zone = clock.getZone();
        this.rules = zone.getRules();
        this.today = LocalDate.now(clock);
        this.horizon = today.atStartOfDay(zone).toInstant().minusSeconds(1);
        this.currentQuarter = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
        this.nextQuarterEnd = currentQuarter.plusMonths(6).minusDays(1);
        this.firstClosed = currentQuarter.minusMonths(12);
        this.values = RuleValues.of(playbook);
        this.pipelines = PipelineModel.reachable(playbook, values);
    }

    /** The eight reps every generated org has, in the order deals are dealt to them. */
    public static List<Rep> defaultReps() {
        return REPS;
    }

    public List<Rep> reps() {
        return REPS;
    }

    public int size() {
        return size;
    }

    public Playbook playbook() {
        return playbook;
    }

    /** The day the org is generated for. */
    public LocalDate today() {
        return today;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Every deal in seq order, computed lazily: nothing is held. */
    public Stream<SyntheticDeal> deals() {
        return IntStream.range(0, size).mapToObj(this::deal);
    }

    /** The engine's view of a deal (id {@code deal-<seq>}, the CRM pipeline value that selects its pipeline). */
    public Opportunity toOpportunity(SyntheticDeal deal) {
        PipelineModel model = PipelineModel.find(pipelines, deal.pipeline());
        return model.opportunity(deal.seq(), deal.stage(), deal.amount(), deal.currency(), deal.closeDate(), deal.owner(),
                deal.fields(), deal.related(), deal.history(), zone);
    }

    /** Deal {@code seq}, computed from (seed, seq) alone. */
    public SyntheticDeal deal(int seq) {
        Objects.checkIndex(seq, size);
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + seq);
        Rep owner = REPS.get(seq % REPS.size());
        PipelineModel model = pipelines.size() == 1 ? pipelines.get(0) : pipelines.get(random.nextInt(pipelines.size()));
        String name = ACCOUNTS.get(random.nextInt(ACCOUNTS.size())) + " — " + SUBJECTS.get(random.nextInt(SUBJECTS.size()));
        String currency = random.nextDouble() < EUR_SHARE ? "EUR" : "USD";
        BigDecimal amount = amount(random);
        String wonValue = model.closedValue(true);
        String lostValue = model.closedValue(false);
        boolean open = (wonValue == null && lostValue == null) || random.nextDouble() < OPEN_SHARE;
        Shape shape = new Shape(seq, owner, model, random);
        shape.amount = amount;
        shape.currency = currency;
        if (open) {
            shapeOpen(shape);
        } else {
            shapeClosed(shape, wonValue, lostValue);
        }
        path(shape);
        Solution solution = solve(shape);
        return new SyntheticDeal(seq, name, owner, model.pipeline.key(), shape.finalValue(), amount, currency, shape.closeDate,
                shape.at[0], solution.values.fields(), solution.values.related(), shape.history(), solution.overStaged);
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Everything decided about one deal before its field values. */
    private final class Shape {
        final int seq;
        final Rep owner;
        final Habit habit;
        final PipelineModel model;
        final SplittableRandom random;
        BigDecimal amount;
        String currency;
        /** The last draft involved no expression rule. */
        boolean controlled;
        /** The recorded open stage, or for a closed deal the last open stage before the close. */
        int top;
        String topValue;
        boolean over;
        int q;
        boolean lapse;
        /** null for open deals, else the won or lost CRM value. */
        String closedValue;
        boolean won;
        LocalDate closeDate;
        /** The day criteria are judged for: today, or the close date of a closed deal. */
        LocalDate day;
        Instant closeAt;
        List<String> stages;
        List<Integer> journey;
        Instant[] at;
        int[] exit;

        Shape(int seq, Rep owner, PipelineModel model, SplittableRandom random) {
            this.seq = seq;
            this.owner = owner;
            this.habit = owner.habit();
            this.model = model;
            this.random = random;
        }

        String finalValue() {
            return closedValue != null ? closedValue : topValue;
        }

        List<StageChange> history() {
            List<StageChange> history = new ArrayList<>(at.length);
            for (int i = 0; i < stages.size(); i++) {
                history.add(new StageChange(stages.get(i), at[i]));
            }
            if (closedValue != null) {
                history.add(new StageChange(closedValue, at[at.length - 1]));
            }
            return history;
        }

        int offset(Instant instant) {
            long local = instant.getEpochSecond() + rules.getOffset(instant).getTotalSeconds();
            return (int) (Math.floorDiv(local, 86_400L) - day.toEpochDay());
        }
    }

    private void shapeOpen(Shape s) {
        s.day = today;
        s.over = s.random.nextDouble() < s.habit.overStageRate();
        s.top = pickStage(s.model, s.random, s.over);
        if (s.top < 0) {
            s.over = false;
            s.top = pickStage(s.model, s.random, false);
        }
        s.topValue = pick(s.model.crmStages(s.top), s.random).value();
        if (s.random.nextDouble() < s.habit.slipRate() * 0.3 && today.isAfter(currentQuarter)) {
            s.closeDate = currentQuarter.plusDays(s.random.nextLong(ChronoUnit.DAYS.between(currentQuarter, today)));
        } else {
            s.closeDate = today.plusDays(s.random.nextLong(ChronoUnit.DAYS.between(today, nextQuarterEnd) + 1));
        }
        qualification(s);
    }

    private void shapeClosed(Shape s, String wonValue, String lostValue) {
        s.over = s.random.nextDouble() < s.habit.overStageRate();
        double winRate = (s.over ? 0.25 : 0.60) * (1 - s.habit.slipRate() / 2);
        s.won = lostValue == null || (wonValue != null && s.random.nextDouble() < winRate);
        s.closedValue = s.won ? wonValue : lostValue;
        if (s.won) {
            int[] recordable = s.model.recordable;
            double roll = s.random.nextDouble();
            int back = roll < 0.80 ? 0 : roll < 0.95 ? 1 : 2;
            s.top = recordable[Math.max(0, recordable.length - 1 - back)];
            if (s.over && !s.model.canOverStage[s.top]) {
                s.over = false;
            }
        } else {
            s.top = pickStage(s.model, s.random, s.over);
            if (s.top < 0) {
                s.over = false;
                s.top = pickStage(s.model, s.random, false);
            }
        }
        s.topValue = pick(s.model.crmStages(s.top), s.random).value();
        s.closeDate = firstClosed.plusDays(s.random.nextLong(Math.max(1, ChronoUnit.DAYS.between(firstClosed, today))));
        s.day = s.closeDate;
        s.closeAt = s.closeDate.atTime(9 + s.random.nextInt(9), s.random.nextInt(60), s.random.nextInt(60)).atZone(zone).toInstant();
        if (!s.closeAt.isBefore(horizon)) {
            s.closeAt = horizon.minusSeconds(1);
        }
        qualification(s);
    }

    /** Decides q and whether next steps lapsed. */
    private static void qualification(Shape s) {
        int first = s.model.firstScheduleStage;
        if (s.over) {
            s.lapse = first >= 0 && s.random.nextDouble() < lapseRateWhenOverStaged(s.habit, s.model);
            List<Integer> candidates = new ArrayList<>();
            for (int stage = 0; stage < s.top; stage++) {
                if (s.model.hasCriteria(stage) && (!s.lapse || stage <= first)) {
                    candidates.add(stage);
                }
            }
            if (candidates.isEmpty()) {
                s.lapse = false;
                for (int stage = 0; stage < s.top; stage++) {
                    if (s.model.hasCriteria(stage)) {
                        candidates.add(stage);
                    }
                }
            }
            s.q = candidates.get(s.random.nextInt(candidates.size()));
        } else {
            s.q = s.top;
            boolean wonRun = s.closedValue != null && s.won;
            s.lapse = !wonRun && first >= 0 && s.top <= first && s.random.nextDouble() < s.habit.lapsedNextStepRate();
        }
    }

    /**
     * Honest deals lapse with lapsedNextStepRate, but only those recorded early (a share e of them): over-staged deals
     * make up the rest, so that about lapsedNextStepRate of all deals lapse.
     */
    private static double lapseRateWhenOverStaged(Habit habit, PipelineModel model) {
        double over = habit.overStageRate();
        double rate = habit.lapsedNextStepRate() * (1 - (1 - over) * model.earlyShare) / over;
        return Math.min(0.9, Math.max(0, rate));
    }

    /** A recordable stage, fewer deals at later ones; only stages that can be over-staged when {@code over}. */
    private static int pickStage(PipelineModel model, SplittableRandom random, boolean over) {
        int[] recordable = model.recordable;
        double total = 0;
        for (int i = 0; i < recordable.length; i++) {
            if (!over || model.canOverStage[recordable[i]]) {
                total += PipelineModel.stageWeight(i);
            }
        }
        if (total == 0) {
            return -1;
        }
        double roll = random.nextDouble() * total;
        int chosen = -1;
        for (int i = 0; i < recordable.length; i++) {
            if (!over || model.canOverStage[recordable[i]]) {
                chosen = recordable[i];
                roll -= PipelineModel.stageWeight(i);
                if (roll < 0) {
                    break;
                }
            }
        }
        return chosen;
    }

    private static <T> T pick(List<T> list, SplittableRandom random) {
        return list.get(random.nextInt(list.size()));
    }

    private static BigDecimal amount(SplittableRandom random) {
        double raw = Math.exp(Math.log(30_000) + random.nextGaussian());
        long rounded = Math.round(raw / 100) * 100;
        return BigDecimal.valueOf(Math.max(5_000, Math.min(500_000, rounded)));
    }

    // ------------------------------------------------------------------------------------------------------------

    /** The stages the deal went through and when, and when it left each journey stage. */
    private void path(Shape s) {
        PipelineModel model = s.model;
        int[] recordable = model.recordable;
        int start = recordable[0];
        if (recordable.length > 1 && recordable[1] <= s.top && s.random.nextDouble() < 0.2) {
            start = recordable[1];
        }
        List<Integer> journey = new ArrayList<>();
        if (s.over && s.habit == Habit.OPTIMIST) {
            List<Integer> before = recordableBetween(model, start, s.q);
            int from = before.isEmpty() ? start : before.get(s.random.nextInt(before.size()));
            List<Integer> after = recordableBetween(model, Math.max(from, s.q) + 1, s.top);
            int to = after.isEmpty() || s.random.nextDouble() < 0.7 ? s.top : after.get(s.random.nextInt(after.size()));
            journey.addAll(recordableBetween(model, start, from));
            if (to > from) {
                journey.addAll(recordableBetween(model, to, s.top));
            }
        } else {
            journey.addAll(recordableBetween(model, start, s.top));
        }
        if (journey.size() >= 2 && s.random.nextDouble() < (s.over ? 0.08 : 0.12)) {
            int p = 1 + s.random.nextInt(journey.size() - 1);
            journey.add(p + 1, journey.get(p - 1));
            journey.add(p + 2, journey.get(p));
        }
        List<String> stages = new ArrayList<>();
        List<Integer> stageOf = new ArrayList<>();
        for (int k = 0; k < journey.size(); k++) {
            int stage = journey.get(k);
            List<CrmStage> crmStages = model.crmStages(stage);
            if (k == journey.size() - 1) {
                int last = indexOf(crmStages, s.topValue);
                int entry = s.random.nextInt(last + 1);
                add(stages, stageOf, crmStages.get(entry).value(), stage);
                if (entry < last) {
                    add(stages, stageOf, crmStages.get(last).value(), stage);
                }
            } else {
                add(stages, stageOf, crmStages.get(0).value(), stage);
                if (crmStages.size() > 1 && s.random.nextDouble() < 0.35) {
                    add(stages, stageOf, crmStages.get(1 + s.random.nextInt(crmStages.size() - 1)).value(), stage);
                }
            }
        }
        int entries = stages.size() + (s.closedValue != null ? 1 : 0);
        Instant[] at = new Instant[entries];
        int i = entries - 1;
        if (s.closedValue != null) {
            at[i] = s.closeAt;
        } else {
            at[i] = horizon.minusSeconds(60 + s.random.nextLong(benchmarkSeconds(model, s.top) * 16 / 10));
        }
        for (i = entries - 2; i >= 0; i--) {
            at[i] = at[i + 1].minusSeconds(4 * 3600 + s.random.nextLong(benchmarkSeconds(model, stageOf.get(i)) * 13 / 10));
        }
        s.stages = stages;
        s.journey = stageOf;
        s.at = at;
        int[] exit = new int[model.stageCount()];
        Arrays.fill(exit, Integer.MAX_VALUE);
        int created = s.offset(at[0]);
        for (int stage = 0; stage < stageOf.get(0); stage++) {
            exit[stage] = created;
        }
        for (int e = 1; e < entries; e++) {
            int from = stageOf.get(e - 1);
            int to = e < stageOf.size() ? stageOf.get(e) : (s.won ? model.stageCount() : -1);
            for (int stage = from; stage < to; stage++) {
                if (exit[stage] == Integer.MAX_VALUE) {
                    exit[stage] = s.offset(at[e]);
                }
            }
        }
        s.exit = exit;
    }

    private static void add(List<String> stages, List<Integer> stageOf, String value, int stage) {
        stages.add(value);
        stageOf.add(stage);
    }

    private static long benchmarkSeconds(PipelineModel model, int stage) {
        Integer days = model.pipeline.stage(stage).benchmarkDays();
        return Math.max(2, days == null ? 21 : days) * 86_400L;
    }

    private static List<Integer> recordableBetween(PipelineModel model, int from, int to) {
        List<Integer> stages = new ArrayList<>();
        for (int stage : model.recordable) {
            if (stage >= from && stage <= to) {
                stages.add(stage);
            }
        }
        return stages;
    }

    private static int indexOf(List<CrmStage> stages, String value) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).value().equals(value)) {
                return i;
            }
        }
        throw new IllegalStateException("CRM stage " + value + " not in its journey stage");
    }

    // ------------------------------------------------------------------------------------------------------------

    private static final class Solution {
        final FieldValues values;
        final boolean overStaged;

        Solution(FieldValues values, boolean overStaged) {
            this.values = values;
            this.overStaged = overStaged;
        }
    }

    /** Field values that give every criterion its intended verdict on the deal's day, checked with the rules. */
    private Solution solve(Shape s) {
        FieldValues last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            byte[][] intent = new byte[s.model.stageCount()][];
            FieldValues candidate = attempt(s, s.lapse && attempt < ATTEMPTS / 2, intent);
            if (candidate == null) {
                continue;
            }
            last = candidate;
            // a draft without expression rules meets its requirements by construction: checking costs a third of the time
            if (s.controlled || verify(s, candidate, intent)) {
                return new Solution(candidate, s.over);
            }
        }
        if (last == null) {
            last = values.draft(s.random).values(s.day, RuleValues.PAST);
        }
        return new Solution(last, actuallyOverStaged(s, last));
    }

    private FieldValues attempt(Shape s, boolean lapse, byte[][] intent) {
        PipelineModel model = s.model;
        int n = model.stageCount();
        for (int stage = 0; stage < n; stage++) {
            intent[stage] = new byte[model.criteria(stage).size()];
            Arrays.fill(intent[stage], NONE);
        }
        RuleValues.Draft draft = values.draft(s.random);
        if (!draft.requireSchedule(lapse)) {
            return null;
        }
        boolean wonRun = s.closedValue != null && s.won;
        int satisfiedBelow = !s.over ? (wonRun ? n : s.top) : s.q;
        for (int stage = 0; stage < satisfiedBelow; stage++) {
            List<ExitCriterion> criteria = model.criteria(stage);
            for (int c = 0; c < criteria.size(); c++) {
                if (!draft.require(criteria.get(c).rule(), true)) {
                    return null;
                }
                intent[stage][c] = SATISFY;
                hint(s, draft, stage, c);
            }
        }
        int partlyFrom = satisfiedBelow;
        if (s.over) {
            List<ExitCriterion> criteria = model.criteria(s.q);
            int[] order = shuffled(criteria.size(), s.random);
            int wanted = 1 + (s.random.nextDouble() < 0.3 ? 1 : 0);
            int violated = 0;
            for (int c : order) {
                if (violated < wanted && draft.require(criteria.get(c).rule(), false)) {
                    intent[s.q][c] = VIOLATE;
                    violated++;
                }
            }
            if (violated == 0) {
                return null;
            }
            for (int c : order) {
                if (intent[s.q][c] == NONE) {
                    partly(s, draft, intent, s.q, c);
                }
            }
            partlyFrom = s.q + 1;
        }
        int partlyTo = wonRun ? n - 1 : s.top;
        for (int stage = partlyFrom; stage <= partlyTo; stage++) {
            for (int c = 0; c < model.criteria(stage).size(); c++) {
                partly(s, draft, intent, stage, c);
            }
        }
        int created = s.offset(s.at[0]);
        FieldValues result = draft.values(s.day, created - 7);
        s.controlled = draft.controlled();
        return result;
    }

    /** A criterion met or not at random (whichever the requirements so far allow). */
    private static void partly(Shape s, RuleValues.Draft draft, byte[][] intent, int stage, int c) {
        ExitCriterion criterion = s.model.criteria(stage).get(c);
        boolean want = s.random.nextDouble() < 0.5;
        if (draft.require(criterion.rule(), want)) {
            intent[stage][c] = want ? SATISFY : VIOLATE;
        } else if (draft.require(criterion.rule(), !want)) {
            intent[stage][c] = want ? VIOLATE : SATISFY;
        } else {
            return;
        }
        if (intent[stage][c] == SATISFY) {
            hint(s, draft, stage, c);
        }
    }

    /** Events that prove a stage's criterion happened before the deal left the stage. */
    private static void hint(Shape s, RuleValues.Draft draft, int stage, int c) {
        int exit = s.exit[stage];
        if (exit != Integer.MAX_VALUE) {
            for (String field : s.model.eventFields.get(stage).get(c)) {
                draft.preferNotAfter(field, exit);
            }
        }
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private boolean verify(Shape s, FieldValues candidate, byte[][] intent) {
        Opportunity probe = probe(s, candidate);
        for (int stage = 0; stage < intent.length; stage++) {
            List<ExitCriterion> criteria = s.model.criteria(stage);
            for (int c = 0; c < intent[stage].length; c++) {
                if (intent[stage][c] != NONE && criteria.get(c).rule().evaluate(probe, s.day).met() != (intent[stage][c] == SATISFY)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean actuallyOverStaged(Shape s, FieldValues candidate) {
        Opportunity probe = probe(s, candidate);
        for (int stage = 0; stage < s.top; stage++) {
            for (ExitCriterion criterion : s.model.criteria(stage)) {
                if (!criterion.rule().evaluate(probe, s.day).met()) {
                    return true;
                }
            }
        }
        return false;
    }

    private Opportunity probe(Shape s, FieldValues candidate) {
        Map<String, Object> fields = candidate.fields();
        return new Opportunity(PipelineModel.id(s.seq), s.model.crmPipeline, s.topValue, s.amount, s.currency, s.closeDate, s.owner.id(),
                fields, candidate.related(), null, null);
    }
}
