package io.stagegate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.stagegate.criteria.Crm;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The daily snapshot keeps each open forecast under its close month, so a period's forecast can be read as of its first day. */
@QuarkusTest
class SnapshotCloseMonthTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final LocalDate DAY = LocalDate.of(2026, 10, 1);

    @Inject
    SyncStore store;

    @AfterEach
    void clear() {
        SyncTables.clear(store.pool());
    }

    @Test
    void openForecastsAreKeptPerCloseMonthAndTodaysWinsBesideThem() {
        Pool pool = store.pool();
        SyncTables.clear(pool);
        insert(pool, "a", "OPEN", "2026-10-20", "1000", "500");
        insert(pool, "b", "OPEN", "2026-10-02", "300", "300");
        insert(pool, "c", "OPEN", "2026-11-05", "2000", "100");
        insert(pool, "d", "OPEN", null, "70", "70");
        insert(pool, "e", "WON", "2026-10-01", "900", "900");  // won today: the day's won amount
        insert(pool, "f", "WON", "2025-03-01", "800", "800");  // won long ago: no row of its own

        assertThat(store.snapshot(Crm.SALESFORCE, DAY).await().atMost(WAIT)).isEqualTo(3);
        assertThat(store.snapshot(Crm.SALESFORCE, DAY).await().atMost(WAIT)).as("once a day").isZero();

        List<String> rows = new ArrayList<>();
        for (Row row : pool.query("SELECT close_month, open_count, recorded_forecast, qualified_forecast, won_amount FROM forecast_snapshot "
                + "ORDER BY close_month").execute().await().atMost(WAIT)) {
            rows.add(row.getString("close_month") + " " + row.getInteger("open_count") + " " + row.getBigDecimal("recorded_forecast").toPlainString()
                    + " " + row.getBigDecimal("qualified_forecast").toPlainString() + " " + row.getBigDecimal("won_amount").toPlainString());
        }
        assertThat(rows).containsExactly(" 1 70 70 0", "2026-10 2 1300 800 900", "2026-11 1 2000 100 0");
    }

    private static void insert(Pool pool, String id, String status, String close, String recorded, String qualified) {
        pool.preparedQuery("INSERT INTO opportunity_state (crm, opportunity_id, pipeline, owner, currency, amount, close_date, status, "
                        + "recorded_forecast, qualified_forecast, modified_at, read_at, evaluated_at, playbook_sha256) "
                        + "VALUES ('SALESFORCE', $1, 'new', 'jim', 'EUR', $2, $3, $4, $2, $5, now(), now(), now(), $6)")
                .execute(Tuple.from(Arrays.asList(id, new BigDecimal(recorded), close == null ? null : LocalDate.parse(close), status,
                        new BigDecimal(qualified), "0".repeat(64))))
                .await().atMost(WAIT);
    }
}
