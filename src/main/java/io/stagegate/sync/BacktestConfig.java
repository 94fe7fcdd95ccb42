package io.stagegate.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Backtests (docs/backtest.md): how large a history one run may hold, and how a run is held and resumed. */
@ConfigMapping(prefix = "stagegate.backtest")
public interface BacktestConfig {

    /**
     * The most opportunities one history read may return: a run over it fails, saying so, rather than rebuilding a
     * history this instance's memory may not hold (every opportunity and its changes are held while a run rolls up).
     */
    @WithDefault("250000")
    int maxOpportunities();

    /** A running run whose instance has not shown life for this long is taken over (after a restart or a crash). */
    @WithDefault("60s")
    Duration lease();

    /** How often an instance looks for a run to take up (queued, due after a pause, or left by a stopped instance). */
    @WithDefault("15s")
    Duration checkInterval();

    /** Passing failures (CRM unavailable) a run survives, each followed by a pause, before it fails. */
    @WithDefault("5")
    int maxAttempts();
}
