package io.stagegate.sandbox.org;

import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Playbook;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
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
 *   <li><b>The past</b> besides stage moves ({@link SyntheticDeal#past()}): when each criteria field was filled in,
 *       next-step dates booked, close dates pushed and amounts revised, drawn by {@link DealPast} from a random of its
 *       own, so that a deal rebuilt as of a past day ({@link DealState#asOf}) is what a backtest should see.</li>
 *   <li><b>Related counts</b>: every relation a {@code relatedCountAtLeast} rule counts gets a count (never absent).</li>
 * </ul>
 * Expression (CEL) rules cannot be generated (see {@link RuleValues}); a deal whose intended verdicts they contradict
 * is re-drawn a few times and, failing that, keeps its values with {@code overStagedByDesign} set to what the rules
 * actually say, so the flag never lies.
 */
public final class OrgGenerator {
    static final double OPEN_SHARE = 0.45;
    static final double EUR_SHARE = 0.30;

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
    private final List<PipelineModel> pipelines;
    private final DealShaper shaper;
    private final DealPath paths;
    private final DealSolver solver;
    private final DealPast past;

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
        Instant horizon = today.atStartOfDay(zone).toInstant().minusSeconds(1);
        RuleValues values = RuleValues.of(playbook);
        this.pipelines = PipelineModel.reachable(playbook, values);
        this.shaper = new DealShaper(zone, today, horizon);
        this.paths = new DealPath(horizon);
        this.solver = new DealSolver(values);
        this.past = new DealPast(values, zone, horizon);
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

    /** The engine's view of a deal as it stood at some moment ({@link DealState#asOf}). */
    public Opportunity toOpportunity(DealState deal) {
        PipelineModel model = PipelineModel.find(pipelines, deal.pipeline());
        return model.opportunity(deal.seq(), deal.stage(), deal.amount(), deal.currency(), deal.closeDate(), deal.owner(),
                deal.fields(), deal.related(), deal.history(), zone);
    }

    /** Whether the deal ended in its pipeline's won stage. */
    public boolean isWon(SyntheticDeal deal) {
        String won = PipelineModel.find(pipelines, deal.pipeline()).closedValue(true);
        return won != null && won.equals(deal.stage());
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
        DealShape shape = new DealShape(seq, owner, model, random, rules);
        shape.amount = amount;
        shape.currency = currency;
        if (open) {
            shaper.shapeOpen(shape);
        } else {
            shaper.shapeClosed(shape, wonValue, lostValue);
        }
        paths.path(shape);
        DealSolver.Solution solution = solver.solve(shape);
        Map<String, Object> fields = solution.values.fields();
        return new SyntheticDeal(seq, name, owner, model.pipeline.key(), shape.finalValue(), amount, currency, shape.closeDate,
                shape.at[0], fields, solution.values.related(), shape.history(), solution.overStaged, past.draw(shape, fields, seed));
    }

    private static BigDecimal amount(SplittableRandom random) {
        double raw = Math.exp(Math.log(30_000) + random.nextGaussian());
        long rounded = Math.round(raw / 100) * 100;
        return BigDecimal.valueOf(Math.max(5_000, Math.min(500_000, rounded)));
    }
}
