package io.stagegate.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SyncCursorTest {
    private static final Instant AT = Instant.parse("2026-12-03T17:05:35.000Z");

    @Test
    void laterStampsComeAfterWhateverTheIds() {
        assertThat(new SyncCursor(AT.plusMillis(1), "1").isAfter(new SyncCursor(AT, "99999999999"))).isTrue();
        assertThat(new SyncCursor(AT, "99999999999").isAfter(new SyncCursor(AT.plusMillis(1), "1"))).isFalse();
    }

    @Test
    void numericIdsOfDifferentLengthsTieBreakByValueAsHubSpotSearchDoes() {
        // text order would put "37147267321" before "7468906697"; hs_object_id GT compares numbers
        assertThat(new SyncCursor(AT, "37147267321").isAfter(new SyncCursor(AT, "7468906697"))).isTrue();
        assertThat(new SyncCursor(AT, "7468906697").isAfter(new SyncCursor(AT, "37147267321"))).isFalse();
        assertThat(new SyncCursor(AT, "10").isAfter(new SyncCursor(AT, "9"))).isTrue();
    }

    @Test
    void theEmptyIdOfAWindowStartComesBeforeEveryId() {
        assertThat(new SyncCursor(AT, "1").isAfter(new SyncCursor(AT, ""))).isTrue();
        assertThat(new SyncCursor(AT, "").isAfter(new SyncCursor(AT, "1"))).isFalse();
        assertThat(new SyncCursor(AT, "").isAfter(new SyncCursor(AT, ""))).isFalse();
    }

    @Test
    void salesforceIdsOfOneLengthKeepTextOrder() {
        assertThat(new SyncCursor(AT, "006000000000002AAA").isAfter(new SyncCursor(AT, "006000000000001ZZZ"))).isTrue();
        assertThat(new SyncCursor(AT, "006000000000001aAA").isAfter(new SyncCursor(AT, "006000000000001ZAA"))).as("case-sensitive, like COLLATE \"C\"")
                .isTrue();
    }

    @Test
    void idOrderIsNumericOrderForRandomHubSpotIds() {
        Random random = new Random(20261203);
        List<Long> numbers = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            numbers.add(1 + (random.nextLong() >>> (1 + random.nextInt(62))));
        }
        List<String> ids = new ArrayList<>(numbers.stream().map(String::valueOf).toList());
        Collections.shuffle(ids, random);
        ids.sort(SyncCursor.ID_ORDER);
        Collections.sort(numbers);
        assertThat(ids).isEqualTo(numbers.stream().map(String::valueOf).toList());
    }
}
