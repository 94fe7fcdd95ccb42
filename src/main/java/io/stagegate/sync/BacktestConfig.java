package io.stagegate.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Backtests (docs/backtest.md): how large a history one run may hold. */
@ConfigMapping(prefix = "stagegate.backtest")
public interface BacktestConfig {

    /**
     * The most opportunities one history read may return: a run over it fails, saying so, rather than rebuilding a
     * history this instance's memory may not hold (every opportunity and its changes are held while a run rolls up).
     */
    @WithDefault("250000")
    int maxOpportunities();
}
