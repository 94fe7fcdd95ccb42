package io.stagegate.sync;

import io.stagegate.config.LocalServer;
import io.stagegate.config.StagegateConfig;
import io.stagegate.criteria.Crm;
import io.stagegate.crm.CrmGateway;
import io.stagegate.crm.CrmTarget;
import io.stagegate.playbook.ActivePlaybook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashSet;
import java.util.List;

/**
 * What is synced: the CRM of the active playbook, through whichever gateway serves that CRM and is configured. The sync
 * knows gateways only through the {@link CrmGateway} port; a new CRM is a new gateway bean, not a branch here.
 */
@ApplicationScoped
public class SyncTargets {
    private final SyncConfig config;
    private final StagegateConfig stagegate;
    private final Instance<CrmGateway> gateways;
    private final ActivePlaybook playbook;

    public SyncTargets(SyncConfig config, StagegateConfig stagegate, Instance<CrmGateway> gateways, ActivePlaybook playbook) {
        this.config = config;
        this.stagegate = stagegate;
        this.gateways = gateways;
        this.playbook = playbook;
    }

    /** The CRM this instance syncs (the active playbook's), or {@code null} when nothing is to be synced. */
    public Crm activeCrm() {
        if (!config.enabled() || stagegate.mode() != StagegateConfig.Mode.SERVICE) {
            return null;
        }
        CrmGateway gateway = gateway(playbook.current().playbook().crm());
        if (gateway == null || waitsForThisServer(gateway)) {
            return null;
        }
        return gateway.crm();
    }

    /** Why nothing is synced, when {@link #activeCrm()} is null. */
    public String idleReason() {
        if (!config.enabled()) {
            return "the sync engine is disabled (STAGEGATE_SYNC_ENABLED=false)";
        }
        if (stagegate.mode() != StagegateConfig.Mode.SERVICE) {
            return "this instance serves only the sandbox";
        }
        Crm crm = playbook.current().playbook().crm();
        CrmGateway gateway = gateway(crm);
        if (gateway != null && waitsForThisServer(gateway)) {
            return "waiting for this instance's HTTP server, which serves the embedded sandbox, to listen";
        }
        if (!hasGateway(crm)) {
            return "there is no connector for the playbook's CRM (" + crm + ") yet; the playbook can be evaluated through /api/evaluate";
        }
        return "no CRM is configured: set STAGEGATE_SALESFORCE_ENABLED=true and the STAGEGATE_SALESFORCE_* variables "
                + "(or STAGEGATE_HUBSPOT_ENABLED=true and the STAGEGATE_HUBSPOT_* variables for a HubSpot playbook), or keep the embedded sandbox enabled";
    }

    /** The configured gateway of {@code crm}, or {@code null} when there is none. */
    CrmGateway gateway(Crm crm) {
        for (CrmGateway gateway : gateways) {
            if (gateway.crm() == crm && gateway.target().configured()) {
                return gateway;
            }
        }
        return null;
    }

    private boolean hasGateway(Crm crm) {
        for (CrmGateway gateway : gateways) {
            if (gateway.crm() == crm) {
                return true;
            }
        }
        return false;
    }

    /** The sandbox embedded in this instance answers only once the HTTP server listens. */
    private boolean waitsForThisServer(CrmGateway gateway) {
        return gateway.target().embedded() && !LocalServer.listening();
    }

    private boolean embedded() {
        CrmGateway gateway = gateway(playbook.current().playbook().crm());
        return gateway != null && gateway.target().embedded();
    }

    /** Who is written back: the configured mode, else on for the embedded sandbox and shadow for a real CRM. */
    public WriteScope writeScope() {
        SyncConfig.WriteBack mode = config.writeBack().orElse(embedded() ? SyncConfig.WriteBack.ON : SyncConfig.WriteBack.SHADOW);
        if (mode == SyncConfig.WriteBack.SHADOW) {
            return WriteScope.SHADOW;
        }
        return new WriteScope(true, new HashSet<>(config.writeBackPipelines().orElse(List.of())));
    }

    /** Where the sync reads from, for people: the embedded sandbox or the configured instance. */
    public String targetDescription() {
        Crm crm = activeCrm();
        if (crm == null) {
            return "nothing";
        }
        CrmTarget target = gateway(crm).target();
        return target.describe();
    }

    /**
     * Creates the output fields of the active playbook in {@code crm} where its connector can do so, idempotently (see
     * {@link CrmGateway#bootstrap}); what was created.
     */
    public List<String> bootstrap(Crm crm, boolean suggestedCriteria) {
        return gateway(crm).bootstrap(playbook.current().playbook(), suggestedCriteria);
    }

    /** The share of the CRM's daily API quota used, as last reported by the CRM (0 before the first call). */
    public double quotaUsed(Crm crm) {
        CrmGateway gateway = gateway(crm);
        return gateway == null ? 0 : gateway.quotaUsed();
    }
}
