package io.stagegate.sandbox.hubspot;

import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import io.stagegate.playbook.PlaybookLoader;
import io.stagegate.sandbox.org.Habit;
import io.stagegate.sandbox.org.Rep;
import io.stagegate.sandbox.org.SyntheticDeal;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** A small hand-built org for the HubSpot sandbox tests: twelve deals of three reps in the default pipeline. */
final class HubSpotFixtures {
    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final Rep OPTIMIST = new Rep("rep-optimist", "Oscar Optimist", Habit.OPTIMIST);
    static final Rep CAREFUL = new Rep("rep-careful", "Cora Careful", Habit.CAREFUL);
    static final Rep RELIABLE = new Rep("rep-reliable", "Rita Reliable", Habit.RELIABLE);
    static final String[] NAMES = {"Acme renewal", "Globex expansion", "Initech pilot", "Umbrella platform", "Hooli rollout", "Stark upgrade",
        "Wayne security", "Wonka supply", "Tyrell replicants", "Cyberdyne defense", "Soylent catering", "Oscorp labs"};
    static final String[] STAGES = {"appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent",
        "closedwon", "closedlost"};

    private HubSpotFixtures() {
    }

    static Playbook playbook() {
        return PlaybookLoader.fromClasspath("playbooks/default-hubspot.yaml");
    }

    static Clock clock() {
        return Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    }

    /** Deal {@code seq}: created {@code seq} days after START, walked through the stages up to its own. */
    static SyntheticDeal deal(int seq) {
        Rep owner = seq % 3 == 0 ? OPTIMIST : seq % 3 == 1 ? CAREFUL : RELIABLE;
        String stage = STAGES[seq % STAGES.length];
        Instant created = START.plus(Duration.ofDays(seq));
        List<StageChange> history = new ArrayList<>();
        int last = seq % STAGES.length;
        for (int i = 0; i <= Math.min(last, 4); i++) {
            history.add(new StageChange(STAGES[i], created.plus(Duration.ofDays(3L * i))));
        }
        if (last > 4) {
            history.add(new StageChange(stage, created.plus(Duration.ofDays(20))));
        }
        Map<String, Object> fields = new HashMap<>();
        fields.put("budget_confirmed", seq % 2 == 0);
        if (seq % 4 != 3) {
            fields.put("next_step_date", LocalDate.of(2026, 3, 1).plusDays(seq - 4));
        }
        fields.put("discovery_meeting_date", LocalDate.of(2026, 1, 2).plusDays(seq));
        Map<String, Integer> related = seq % 5 == 4 ? Map.of() : Map.of("contacts", seq % 4 + 1);
        BigDecimal amount = seq == 7 ? null : seq % 2 == 1 ? new BigDecimal(1000 * (seq + 1)).add(new BigDecimal("0.50")) : new BigDecimal(1000 * (seq + 1));
        return new SyntheticDeal(seq, NAMES[seq], owner, "default", stage, amount, seq % 4 == 2 ? "EUR" : "USD",
                LocalDate.of(2026, 3, 31).plusDays(seq), created, fields, related, history, seq % 3 == 0);
    }

    static List<SyntheticDeal> deals() {
        return IntStream.range(0, NAMES.length).mapToObj(HubSpotFixtures::deal).toList();
    }

    /** {@code count} minimal deals (for the 10,000-result cap). */
    static List<SyntheticDeal> many(int count) {
        List<SyntheticDeal> deals = new ArrayList<>(count);
        for (int seq = 0; seq < count; seq++) {
            deals.add(new SyntheticDeal(seq, "Deal " + seq, RELIABLE, "default", "appointmentscheduled", BigDecimal.TEN, "USD",
                    LocalDate.of(2026, 3, 31), START.plusSeconds(seq), Map.of(), Map.of(), List.of(), false));
        }
        return deals;
    }

    static String id(int seq) {
        return HubSpotPortal.dealId(seq);
    }
}
