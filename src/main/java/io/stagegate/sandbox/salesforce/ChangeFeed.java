package io.stagegate.sandbox.salesforce;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The org's committed changes: the most recent ones kept for inspection, and every one handed to the listeners (the
 * Outbound Messenger among them) after the write lock is released. Thread-safe.
 */
final class ChangeFeed {
    /** Logs as the org did before the feed was its own class, so log settings keep applying. */
    private static final Logger LOG = Logger.getLogger(SalesforceOrg.class);
    private static final int RECENT_CHANGES = 10_000;

    private final List<Consumer<OpportunityChange>> listeners = new CopyOnWriteArrayList<>();
    private final Deque<OpportunityChange> recent = new ArrayDeque<>();

    void clear() {
        synchronized (recent) {
            recent.clear();
        }
    }

    /** The most recent committed changes (up to 10,000), oldest first. */
    List<OpportunityChange> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    void addListener(Consumer<OpportunityChange> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<OpportunityChange> listener) {
        listeners.remove(listener);
    }

    /** Records the changes and tells every listener; a failing listener is logged and does not stop the others. */
    void publish(List<OpportunityChange> changes) {
        synchronized (recent) {
            for (OpportunityChange change : changes) {
                recent.addLast(change);
                if (recent.size() > RECENT_CHANGES) {
                    recent.removeFirst();
                }
            }
        }
        for (OpportunityChange change : changes) {
            for (Consumer<OpportunityChange> listener : listeners) {
                try {
                    listener.accept(change);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "a change listener failed on %s", change.opportunityId());
                }
            }
        }
    }
}
