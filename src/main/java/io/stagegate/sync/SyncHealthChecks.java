package io.stagegate.sync;

import io.smallrye.health.api.HealthGroup;
import io.stagegate.criteria.Crm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Health of the sync. Readiness (/q/health/ready) goes DOWN only for what an admin must fix (credentials, permissions,
 * a setup that does not match the playbook): a CRM outage must not take the webhook intake out of service. The "crm"
 * group (/q/health/group/crm) is stricter, for alerting: also DOWN when the CRM has been unreachable for five minutes
 * or the sync is parked on the API quota.
 */
final class SyncHealthChecks {
    private static final Duration UNREACHABLE = Duration.ofMinutes(5);

    private SyncHealthChecks() {
    }

    static HealthCheckResponseBuilder describe(String name, SyncEngine engine, Clock clock) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name).up();
        Crm crm = engine.activeCrm();
        if (crm == null) {
            return response.withData("active", false).withData("reason", engine.idleReason());
        }
        CrmSyncStatus status = engine.status(crm);
        response.withData("crm", crm.name()).withData("quotaUsed", String.format(java.util.Locale.ROOT, "%.3f", engine.quotaUsed(crm)));
        if (status.syncedUpTo() != null) {
            response.withData("syncedUpTo", status.syncedUpTo().toString());
        }
        if (status.parkedUntil() != null && status.parkedUntil().isAfter(clock.instant())) {
            response.withData("parkedUntil", status.parkedUntil().toString());
        }
        if (status.lastError() != null) {
            response.withData("lastError", status.lastError());
        }
        if (status.fatal() != null) {
            response.down().withData("fatal", status.fatal());
        }
        if (!status.setupProblems().isEmpty()) {
            response.down().withData("setupProblems", String.join("; ", status.setupProblems()));
        }
        return response;
    }

    @Readiness
    @ApplicationScoped
    static class Ready implements HealthCheck {
        private final SyncEngine engine;
        private final Clock clock;

        Ready(SyncEngine engine, Clock clock) {
            this.engine = engine;
            this.clock = clock;
        }

        @Override
        public HealthCheckResponse call() {
            return describe("stagegate-sync", engine, clock).build();
        }
    }

    @HealthGroup("crm")
    @ApplicationScoped
    static class CrmReachable implements HealthCheck {
        private final SyncEngine engine;
        private final Clock clock;

        CrmReachable(SyncEngine engine, Clock clock) {
            this.engine = engine;
            this.clock = clock;
        }

        @Override
        public HealthCheckResponse call() {
            HealthCheckResponseBuilder response = describe("stagegate-crm", engine, clock);
            Crm crm = engine.activeCrm();
            if (crm == null) {
                return response.build();
            }
            CrmSyncStatus status = engine.status(crm);
            Instant now = clock.instant();
            Instant success = status.lastSuccessAt();
            Instant failure = status.lastFailureAt();
            if (failure != null && (success == null || success.isBefore(failure)) && (success == null || success.plus(UNREACHABLE).isBefore(now))) {
                response.down().withData("unreachableSince", success == null ? "start" : success.toString());
            }
            if (status.parkedUntil() != null && status.parkedUntil().isAfter(now)) {
                response.down();
            }
            return response.build();
        }
    }
}
