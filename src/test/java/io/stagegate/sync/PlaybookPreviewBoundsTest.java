package io.stagegate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.api.PlaybookApiProfile;
import io.stagegate.criteria.Crm;
import io.stagegate.criteria.Playbook;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.playbook.PlaybookLoader;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The preview's bounds: it stops at its cap and says so, and over many pages its figures are the sum of its pages (an
 * org of 50 identical copies of every stored opportunity moves exactly 50 times as much).
 */
@QuarkusTest
@TestProfile(PlaybookApiProfile.class)
class PlaybookPreviewBoundsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int COPIES = 50;

    @Inject
    SyncEngine engine;

    @Inject
    SyncStore store;

    @Inject
    ActivePlaybook active;

    @Inject
    PlaybookPreview preview;

    @Test
    void capsAndPagesAddUp() {
        for (int i = 0; i < 5 && store.cursor(Crm.SALESFORCE, "poll").await().atMost(WAIT) == null; i++) {
            engine.pollCycle(Crm.SALESFORCE);
        }
        Playbook current = active.current().playbook();
        Playbook candidate = PlaybookLoader.load("test", active.current().yaml()
                .replace("exitCriteria: [demo_attended_next_step, technical_teams_met_next_step]",
                        "exitCriteria: [demo_attended_next_step, technical_teams_met_next_step, budget_confirmed_next_step]"));
        PlaybookImpact one = preview.impact(current, candidate);
        assertThat(one.truncated()).isFalse();
        int base = one.evaluated();
        assertThat(base).isGreaterThan(PlaybookPreview.PAGE);

        assertThat(preview.impact(current, candidate, PlaybookPreview.PAGE)).satisfies(capped -> {
            assertThat(capped.evaluated()).isEqualTo(PlaybookPreview.PAGE);
            assertThat(capped.truncated()).isTrue();
        });
        assertThat(preview.impact(current, candidate, base).truncated()).as("exactly at the cap").isFalse();
        assertThat(preview.impact(current, candidate, base - 1).truncated()).isTrue();

        store.pool().query("INSERT INTO opportunity_state SELECT crm, opportunity_id || '-copy-' || g, pipeline, stage, owner, currency, amount, "
                + "close_date, status, recorded_stage, qualified_stage, over_staged, stage_skip, recorded_forecast, qualified_forecast, inputs, "
                + "evaluation, crm_outputs, desired_outputs, written_outputs, written_at, problem, modified_at, read_at, evaluated_at, playbook_sha256 "
                + "FROM opportunity_state, generate_series(1, " + (COPIES - 1) + ") g WHERE opportunity_id NOT LIKE '%-copy-%'")
                .execute().await().atMost(WAIT);
        try {
            preview.impact(current, candidate); // warm
            long started = System.nanoTime();
            PlaybookImpact many = preview.impact(current, candidate);
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("preview of %,d stored opportunities: %d ms%n", many.evaluated(), millis);
            assertThat(many.evaluated()).isEqualTo(base * COPIES);
            assertThat(many.changedQualifiedStage()).isEqualTo(one.changedQualifiedStage() * COPIES);
            assertThat(many.rollups()).hasSameSizeAs(one.rollups());
            for (int i = 0; i < one.rollups().size(); i++) {
                PlaybookImpact.Rollup a = one.rollups().get(i);
                PlaybookImpact.Rollup b = many.rollups().get(i);
                assertThat(b.openAfter()).isEqualTo(a.openAfter() * COPIES);
                assertThat(b.qualifiedAfter()).isEqualByComparingTo(a.qualifiedAfter().multiply(BigDecimal.valueOf(COPIES)));
                assertThat(b.qualifiedChange()).isEqualByComparingTo(a.qualifiedChange().multiply(BigDecimal.valueOf(COPIES)));
            }
            assertThat(many.examples()).hasSize(Math.min(PlaybookPreview.MAX_EXAMPLES, many.changedQualifiedStage()));
        } finally {
            store.pool().query("DELETE FROM opportunity_state WHERE opportunity_id LIKE '%-copy-%'").execute().await().atMost(WAIT);
        }
    }
}
