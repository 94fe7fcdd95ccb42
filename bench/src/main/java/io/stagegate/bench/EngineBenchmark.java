package io.stagegate.bench;

import io.stagegate.criteria.CriterionVerdict;
import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.Writeback;
import io.stagegate.playbook.PlaybookLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the pure exit-criteria engine on the default Salesforce playbook, one opportunity per operation, one
 * thread (the product target is per core: PRODUCT.md §7). Every method walks the same pre-built book of opportunities
 * round-robin, so the branch mix is the book's and not one lucky record's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineBenchmark {
    static final String PLAYBOOK = "playbooks/default-salesforce.yaml";
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    /** A power of two, so the cursor wraps with a mask; large enough to defeat per-record branch prediction. */
    static final int BOOK_SIZE = 4_096;
    static final long SEED = 20261126L;

    private Playbook playbook;
    private Evaluator evaluator;
    private LocalDate today;
    private Opportunity[] typed;
    private Opportunity[] strings;
    private int cursor;

    @Setup
    public void setUp() {
        playbook = PlaybookLoader.fromClasspath(PLAYBOOK);
        evaluator = new Evaluator(playbook, Clock.fixed(NOW, ZoneOffset.UTC));
        today = evaluator.today();
        typed = SampleOpportunities.typed(BOOK_SIZE, SEED, today);
        strings = SampleOpportunities.asStrings(typed);
        describeBook();
    }

    private int next() {
        int i = cursor;
        cursor = (i + 1) & (BOOK_SIZE - 1);
        return i;
    }

    /** The floor: fetch the next opportunity and read what any consumer reads, its stage and amount. */
    @Benchmark
    public void baseline(Blackhole blackhole) {
        Opportunity opportunity = typed[next()];
        blackhole.consume(opportunity.stage());
        blackhole.consume(opportunity.amount());
    }

    /** One evaluation with typed field values (Boolean, LocalDate), as the Salesforce connector hands them over. */
    @Benchmark
    public Evaluation evaluate() {
        return evaluator.evaluate(typed[next()], today);
    }

    /** One evaluation with every field value a string ("2026-11-20", "true"), as HubSpot and CSV exports send them. */
    @Benchmark
    public Evaluation evaluateWithStringFields() {
        return evaluator.evaluate(strings[next()], today);
    }

    /** One evaluation turned into the CRM field values Stagegate writes back. */
    @Benchmark
    public Map<String, Object> writeback() {
        return Writeback.values(playbook, evaluator.evaluate(typed[next()], today));
    }

    /**
     * Prints the book's mix, and fails fast if the string-valued copy does not evaluate exactly like the typed one (then
     * the two benchmarks would not measure the same work).
     */
    private void describeBook() {
        int open = 0;
        int won = 0;
        int lost = 0;
        int overStaged = 0;
        int withMoves = 0;
        int verdicts = 0;
        for (int i = 0; i < BOOK_SIZE; i++) {
            Evaluation evaluation = evaluator.evaluate(typed[i], today);
            Evaluation fromStrings = evaluator.evaluate(strings[i], today);
            if (!sameOutcome(evaluation, fromStrings)) {
                throw new IllegalStateException("string fields evaluate differently for " + typed[i].id());
            }
            switch (evaluation.status()) {
                case WON:
                    won++;
                    break;
                case LOST:
                    lost++;
                    break;
                default:
                    open++;
            }
            overStaged += evaluation.overStaged() ? 1 : 0;
            withMoves += evaluation.transitions().isEmpty() ? 0 : 1;
            verdicts += evaluation.verdicts().size();
        }
        System.out.printf("book: %d opportunities (%d open, %d won, %d lost), %d over-staged, %d with stage moves, %.1f verdicts each%n",
                BOOK_SIZE, open, won, lost, overStaged, withMoves, verdicts / (double) BOOK_SIZE);
    }

    private static boolean sameOutcome(Evaluation a, Evaluation b) {
        return a.qualifiedStage().equals(b.qualifiedStage())
                && a.qualifiedForecast().equals(b.qualifiedForecast())
                && a.stalled() == b.stalled()
                && a.stageSkip() == b.stageSkip()
                && metFlags(a.verdicts()).equals(metFlags(b.verdicts()));
    }

    private static List<Boolean> metFlags(List<CriterionVerdict> verdicts) {
        return verdicts.stream().map(CriterionVerdict::met).toList();
    }
}
