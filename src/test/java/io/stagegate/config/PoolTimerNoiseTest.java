package io.stagegate.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolTimerNoiseTest {
    @Test
    void onlyTheSqlPoolsSecondFailureOfAFailedResultIsRecognised() {
        assertThat(PoolTimerNoise.isPoolTimerNoise(thrownAt("io.vertx.sqlclient.impl.pool.SqlConnectionPool", "Result is already complete"))).isTrue();
        assertThat(PoolTimerNoise.isPoolTimerNoise(thrownAt("io.vertx.sqlclient.impl.pool.SqlConnectionPool$1", "Result is already complete"))).isTrue();
        assertThat(PoolTimerNoise.isPoolTimerNoise(thrownAt("io.stagegate.sync.OutboxRelay", "Result is already complete")))
                .as("the same message from anywhere else is a real error").isFalse();
        assertThat(PoolTimerNoise.isPoolTimerNoise(thrownAt("io.vertx.sqlclient.impl.pool.SqlConnectionPool", "Pool closed"))).isFalse();
        assertThat(PoolTimerNoise.isPoolTimerNoise(new RuntimeException("Result is already complete"))).isFalse();
    }

    private static IllegalStateException thrownAt(String className, String message) {
        IllegalStateException error = new IllegalStateException(message);
        error.setStackTrace(new StackTraceElement[] {new StackTraceElement("io.vertx.core.Promise", "fail", "Promise.java", 90),
                new StackTraceElement(className, "lambda$execute$3", "SqlConnectionPool.java", 216)});
        return error;
    }
}
