package io.stagegate.sandbox.salesforce;

import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import io.stagegate.playbook.PlaybookLoader;
import io.stagegate.sandbox.org.Habit;
import io.stagegate.sandbox.org.Rep;
import io.stagegate.sandbox.org.SyntheticDeal;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Hand-built synthetic deals for the Salesforce sandbox tests (the generator is not needed to test the simulator). */
final class TestDeals {
    static final Playbook PLAYBOOK = PlaybookLoader.fromClasspath("playbooks/default-salesforce.yaml");
    static final Rep ALICE = new Rep("rep-alice", "Alice Optimist", Habit.OPTIMIST);
    static final Rep BOB = new Rep("rep-bob", "Bob Careful", Habit.CAREFUL);
    static final Instant CREATED = Instant.parse("2024-01-02T09:00:00Z");
    static final List<String> OPEN_STAGES = List.of("Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
            "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review");

    private TestDeals() {
    }

    /** A deal in {@code stage}, created on {@link #CREATED}, that moved through the open stages up to its own. */
    static SyntheticDeal deal(int seq, String stage) {
        return deal(seq, stage, BigDecimal.valueOf(1000L + seq * 10L), seq % 2 == 0 ? "USD" : "EUR", Map.of(), Map.of("OpportunityContactRoles", seq % 4));
    }

    static SyntheticDeal deal(int seq, String stage, BigDecimal amount, String currency, Map<String, Object> fields, Map<String, Integer> related) {
        List<StageChange> history = new ArrayList<>();
        int index = OPEN_STAGES.indexOf(stage);
        int last = index < 0 ? 2 : index;
        for (int i = 0; i <= last; i++) {
            history.add(new StageChange(OPEN_STAGES.get(i), CREATED.plus(Duration.ofDays(i * 7L))));
        }
        if (index < 0) {
            history.add(new StageChange(stage, CREATED.plus(Duration.ofDays(30))));
        }
        return new SyntheticDeal(seq, "Deal " + seq, seq % 3 == 0 ? BOB : ALICE, "standard", stage, amount, currency,
                LocalDate.of(2024, 6, 30).plusDays(seq % 60), CREATED, fields, related, history, false);
    }

    /** The same deal under another name. */
    static SyntheticDeal named(SyntheticDeal deal, String name) {
        return new SyntheticDeal(deal.seq(), name, deal.owner(), deal.pipeline(), deal.stage(), deal.amount(), deal.currency(), deal.closeDate(),
                deal.createdAt(), deal.fields(), deal.related(), deal.history(), deal.overStagedByDesign());
    }

    /** {@code count} deals spread over the open stages. */
    static Stream<SyntheticDeal> many(int count) {
        return IntStream.range(0, count).mapToObj(seq -> deal(seq, OPEN_STAGES.get(seq % OPEN_STAGES.size())));
    }
}
