package io.stagegate.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code stagegate.inbox.received{crm, source, outcome}}: events accepted, duplicate or ignored (counted per event),
 * and requests refused (counted per request, since a refused request's events are not read).
 */
@ApplicationScoped
public class IntakeMetrics {
    static final String NAME = "stagegate.inbox.received";

    /** What became of an event or a request. */
    public enum Outcome {
        /** A new inbox row. */
        ACCEPTED,
        /** Already in the inbox (a re-delivery): acknowledged, nothing inserted. */
        DUPLICATE,
        /** Authentic but of no interest (not a deal or opportunity): acknowledged, nothing inserted. */
        IGNORED,
        /** Refused: no or a wrong secret, signature or org, or a timestamp outside the window. */
        UNAUTHENTICATED,
        /** Refused: a body that is not the sender's format. */
        INVALID,
        /** Refused: a body over {@code stagegate.intake.max-body-size}. */
        TOO_LARGE,
        /** Refused: the endpoint's secret is not configured. */
        NOT_CONFIGURED,
        /** Refused: the inbox could not be written (database down); the sender retries. */
        UNAVAILABLE
    }

    private final Map<InboxSource, Map<Outcome, Counter>> counters = new EnumMap<>(InboxSource.class);

    public IntakeMetrics(MeterRegistry registry) {
        for (InboxSource source : InboxSource.values()) {
            Map<Outcome, Counter> bySource = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                bySource.put(outcome, Counter.builder(NAME).description("Pushed events and requests received, by outcome")
                        .tag("crm", source.crmTag()).tag("source", source.channel()).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
            counters.put(source, bySource);
        }
    }

    public void count(InboxSource source, Outcome outcome, long amount) {
        if (amount > 0) {
            counters.get(source).get(outcome).increment(amount);
        }
    }

    public void count(InboxSource source, Outcome outcome) {
        count(source, outcome, 1);
    }
}
