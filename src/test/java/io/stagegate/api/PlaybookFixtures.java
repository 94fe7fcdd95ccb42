package io.stagegate.api;

import io.quarkus.arc.Arc;
import io.stagegate.config.EngineProducer;
import io.stagegate.config.PlaybookFollower;
import io.stagegate.persistence.PlaybookVersion;
import io.stagegate.playbook.LoadedPlaybook;
import java.time.Duration;

/** The shipped Salesforce playbook, variants of it, and putting it back after a test changed the active version. */
final class PlaybookFixtures {
    static final LoadedPlaybook SHIPPED = EngineProducer.shipped("salesforce");

    private PlaybookFixtures() {
    }

    /** The shipped playbook with {@code from} replaced by {@code to} (which must occur in it). */
    static String variant(String from, String to) {
        if (!SHIPPED.yaml().contains(from)) {
            throw new IllegalArgumentException("the shipped playbook has no '" + from + "'");
        }
        return SHIPPED.yaml().replace(from, to);
    }

    /** Stricter and with another probability: moves qualified stages and the recorded forecast of Needs Analysis. */
    static String stricter() {
        return variant("exitCriteria: [demo_attended_next_step, technical_teams_met_next_step]",
                "exitCriteria: [demo_attended_next_step, technical_teams_met_next_step, budget_confirmed_next_step]")
                .replace("{ value: Needs Analysis, probability: 20 }", "{ value: Needs Analysis, probability: 25 }");
    }

    /** Makes the shipped playbook the active version again, as the other tests of this profile expect. */
    static void restoreShipped() {
        PlaybookFollower follower = Arc.container().instance(PlaybookFollower.class).get();
        follower.activate(new LoadedPlaybook("test", SHIPPED.yaml(), SHIPPED.playbook()), "test", PlaybookVersion.ACTIVATE, "test restores the shipped playbook",
                null);
        follower.follow();
    }

    static final Duration WAIT = Duration.ofSeconds(30);
}
