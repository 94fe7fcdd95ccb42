package io.stagegate.web;

import io.quarkus.arc.Arc;
import io.stagegate.config.PlaybookFollower;
import io.stagegate.config.EngineProducer;
import io.stagegate.criteria.Crm;
import io.stagegate.persistence.PlaybookVersion;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.playbook.LoadedPlaybook;
import io.stagegate.sync.SyncEngine;

/** The embedded sandbox synced into the database once per start, and the shipped playbook put back after a test changed it. */
final class SyncedSandbox {
    private static boolean synced;

    private SyncedSandbox() {
    }

    /** Backfills the sandbox's org (one poll cycle reads every page) unless this start did already. */
    static synchronized void ensure() {
        if (synced) {
            return;
        }
        SyncEngine engine = Arc.container().instance(SyncEngine.class).get();
        if (!engine.pollCycle(Crm.SALESFORCE)) {
            throw new IllegalStateException("the only instance should lead polling: " + engine.idleReason());
        }
        engine.relay(Crm.SALESFORCE, true);
        synced = true;
    }

    /** Makes the shipped Salesforce playbook the active version again, if a test activated another. */
    static void restoreShipped() {
        LoadedPlaybook shipped = EngineProducer.shipped("salesforce");
        ActivePlaybook active = Arc.container().instance(ActivePlaybook.class).get();
        if (active.current().sha256().equals(shipped.sha256())) {
            return;
        }
        PlaybookFollower follower = Arc.container().instance(PlaybookFollower.class).get();
        follower.activate(new LoadedPlaybook("test", shipped.yaml(), shipped.playbook()), "test", PlaybookVersion.ACTIVATE,
                "test restores the shipped playbook", null);
        follower.follow();
    }
}
