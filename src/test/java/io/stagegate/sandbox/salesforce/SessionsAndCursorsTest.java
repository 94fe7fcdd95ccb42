package io.stagegate.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token inactivity timeout and cursor lifetime, on a clock the test moves. */
class SessionsAndCursorsTest {
    private final SalesforceOrgTest.MutableClock clock = new SalesforceOrgTest.MutableClock(Instant.parse("2024-05-15T12:00:00Z"));

    @Test
    void aTokenLivesWhileItIsUsedAndDiesAfterTheIdleTimeout() {
        SalesforceSessions sessions = new SalesforceSessions(clock, Duration.ofHours(2));
        String token = sessions.issue("00DDn0000000001IAA", "005Dn0000000001IAA");
        assertThat(token).startsWith("00DDn0000000001!AQ").hasSize(15 + 3 + 96);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(119));
            assertThat(sessions.authenticate(token)).contains("005Dn0000000001IAA");
        }
        clock.advance(Duration.ofMinutes(121));
        assertThat(sessions.authenticate(token)).isEmpty();
        assertThat(sessions.authenticate(token)).isEmpty();
        assertThat(sessions.authenticate(null)).isEmpty();
    }

    @Test
    void expireAllEndsEverySession() {
        SalesforceSessions sessions = new SalesforceSessions(clock, Duration.ofHours(2));
        String first = sessions.issue("00DDn0000000001IAA", "005Dn0000000001IAA");
        String second = sessions.issue("00DDn0000000001IAA", "005Dn0000000001IAA");
        assertThat(first).isNotEqualTo(second);
        sessions.expireAll();
        assertThat(sessions.authenticate(first)).isEmpty();
        assertThat(sessions.authenticate(second)).isEmpty();
    }

    @Test
    void aCursorExpiresFifteenMinutesAfterItsLastFetch() {
        QueryCursors cursors = new QueryCursors(clock, SalesforceSandboxProducer.CURSOR_IDLE);
        QueryCursors.Cursor cursor = cursors.open(query(), List.of(), false, "005A", 2000);
        assertThat(cursor.locator).startsWith("01g").hasSize(18);
        clock.advance(Duration.ofMinutes(14));
        assertThat(cursors.fetch(cursor.locator, "005A")).isSameAs(cursor);
        clock.advance(Duration.ofMinutes(14));
        assertThat(cursors.fetch(cursor.locator, "005A")).isSameAs(cursor);
        assertThat(cursors.fetch(cursor.locator, "005B")).isNull();
        clock.advance(Duration.ofMinutes(16));
        assertThat(cursors.fetch(cursor.locator, "005A")).isNull();
    }

    @Test
    void eachUserKeepsTenCursorsAndLosesTheOldest() {
        QueryCursors cursors = new QueryCursors(clock, SalesforceSandboxProducer.CURSOR_IDLE);
        List<String> locators = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            locators.add(cursors.open(query(), List.of(), false, "005A", 2000).locator);
            clock.advance(Duration.ofSeconds(1));
        }
        String other = cursors.open(query(), List.of(), false, "005B", 2000).locator;
        assertThat(cursors.fetch(locators.get(0), "005A")).isNull();
        assertThat(cursors.fetch(locators.get(1), "005A")).isNull();
        assertThat(cursors.fetch(locators.get(2), "005A")).isNotNull();
        assertThat(cursors.fetch(locators.get(11), "005A")).isNotNull();
        assertThat(cursors.fetch(other, "005B")).isNotNull();
        assertThat(cursors.open()).isEqualTo(11);
    }

    private static CompiledQuery query() {
        return SoqlCompiler.compile("SELECT Id FROM Opportunity", SalesforceSchema.of(TestDeals.PLAYBOOK), LocalDate.of(2024, 5, 15));
    }
}
