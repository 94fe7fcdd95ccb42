package io.stagegate.sandbox.org;

/**
 * How a synthetic rep works his deals: how often he moves a deal forward without the buyer having met the exit
 * criteria, and how reliably he keeps next steps booked and closes what he forecasts.
 */
public enum Habit {
    /** Over-stages about half of his deals: advances on hope, skips criteria, lets next steps lapse. */
    OPTIMIST(0.50, 0.35, 0.30),
    /** Advances only when criteria are met but is slow to update the CRM; rarely over-staged. */
    CAREFUL(0.08, 0.10, 0.15),
    /** Keeps the CRM true to the buyer's actions; almost never over-staged. */
    RELIABLE(0.03, 0.05, 0.10),
    /** Between the two: over-stages about a fifth of his deals. */
    AVERAGE(0.20, 0.20, 0.20);

    private final double overStageRate;
    private final double lapsedNextStepRate;
    private final double slipRate;

    Habit(double overStageRate, double lapsedNextStepRate, double slipRate) {
        this.overStageRate = overStageRate;
        this.lapsedNextStepRate = lapsedNextStepRate;
        this.slipRate = slipRate;
    }

    /** Share of open deals he records beyond what the exit criteria support. */
    public double overStageRate() {
        return overStageRate;
    }

    /** Share of deals whose next-step date he lets fall into the past. */
    public double lapsedNextStepRate() {
        return lapsedNextStepRate;
    }

    /** Share of forecast deals that slip or are lost late in the period. */
    public double slipRate() {
        return slipRate;
    }
}
