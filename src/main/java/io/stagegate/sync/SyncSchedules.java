package io.stagegate.sync;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Switches the sync engine's schedules off (tests drive the engine step by step). */
final class SyncSchedules {
    private SyncSchedules() {
    }

    @Singleton
    static class Off implements Scheduled.SkipPredicate {
        private final boolean scheduled;

        Off(@ConfigProperty(name = "stagegate.sync.scheduled", defaultValue = "true") boolean scheduled) {
            this.scheduled = scheduled;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !scheduled;
        }
    }
}
