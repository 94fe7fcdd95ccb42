package io.stagegate.sync;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A stage move as recorded when it was first observed: the criteria unmet at that moment stay with it, whatever is
 * filled in later.
 */
record StoredTransition(
        String fromStage,
        String toStage,
        Instant movedAt,
        String kind,
        List<String> skippedStages,
        List<SkippedCriterion> skippedCriteria,
        String source) {

    /** A criterion unmet when the move was observed: its key, label, the journey stage index and what was seen. */
    record SkippedCriterion(String key, String label, int stageIndex, String observed) {
    }

    StoredTransition {
        movedAt = movedAt.truncatedTo(ChronoUnit.MICROS);
        skippedStages = List.copyOf(skippedStages);
        skippedCriteria = List.copyOf(skippedCriteria);
    }

    /** The identity of a move: when, and to which stage (PostgreSQL keeps microseconds). */
    String key() {
        return key(movedAt, toStage);
    }

    /** The move's time to the microsecond (what PostgreSQL keeps) and its stage; not ISO text, which cost 2 % of a sync's CPU. */
    static String key(Instant at, String toStage) {
        return at.getEpochSecond() + "." + at.getNano() / 1000 + "→" + toStage;
    }
}
