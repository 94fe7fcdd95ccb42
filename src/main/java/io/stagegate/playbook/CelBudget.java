package io.stagegate.playbook;

/**
 * The evaluation steps all CEL expressions together may take while one request is evaluated: the second guard behind
 * the static bound of {@link CelCost}, which holds per opportunity but not for a batch of any size. Opened around the
 * evaluation of a request on the thread that evaluates it; evaluations with no budget open (the sync engine) are
 * bounded per opportunity only. An exhausted budget cuts every further evaluation short; the owner of the budget checks
 * {@link #exhausted()} after each opportunity and refuses the request.
 */
public final class CelBudget implements AutoCloseable {
    /** Enough for 200,000 opportunities each using 250 steps: a few seconds of CEL at most. */
    public static final long STEPS_PER_REQUEST = 50_000_000;

    private static final ThreadLocal<CelBudget> CURRENT = new ThreadLocal<>();

    private long remaining;

    private CelBudget(long steps) {
        this.remaining = steps;
    }

    /** Opens a budget for the current thread; close it when the request's evaluation is over. */
    public static CelBudget open(long steps) {
        CelBudget budget = new CelBudget(steps);
        CURRENT.set(budget);
        return budget;
    }

    static CelBudget current() {
        return CURRENT.get();
    }

    void spend(long steps) {
        remaining -= steps;
    }

    /** Whether the steps are spent; the caller then refuses the request (evaluations after that are cut short). */
    public boolean exhausted() {
        return remaining < 0;
    }

    @Override
    public void close() {
        CURRENT.remove();
    }

    /** The request's expressions took more steps than its budget; the request is refused, not partly evaluated. */
    public static final class Exhausted extends RuntimeException {
        public Exhausted() {
            super("the playbook's CEL expressions need more than " + STEPS_PER_REQUEST
                    + " evaluation steps for this request; send smaller batches or simpler expressions");
        }
    }
}
