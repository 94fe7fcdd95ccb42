package io.stagegate.api;

import io.stagegate.config.LocalServer;
import io.stagegate.criteria.Playbook;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmGateway;
import io.stagegate.playbook.LoadedPlaybook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;

/**
 * The connected CRM's setup check of a candidate playbook, through whichever configured gateway serves the playbook's
 * CRM: the same {@link CrmGateway#validateSetup} the sync runs before it reads, so a candidate that would stop the sync
 * is caught before it is activated.
 */
@ApplicationScoped
public class PlaybookSetup {
    private final Instance<CrmGateway> gateways;

    public PlaybookSetup(Instance<CrmGateway> gateways) {
        this.gateways = gateways;
    }

    /**
     * What the CRM said about {@code playbook}.
     *
     * @param checked whether the CRM was asked ({@code false}: see {@code reason})
     * @param target what was asked (vendor and address)
     * @param problems fields and stages that do not exist or do not fit, each saying what to fix, at the YAML line that
     *     maps them
     */
    public record Report(boolean checked, String target, List<SetupProblem> problems, String reason) {
        public boolean blocks() {
            return checked && !problems.isEmpty();
        }
    }

    public Report check(LoadedPlaybook loaded) {
        Playbook playbook = loaded.playbook();
        CrmGateway gateway = null;
        for (CrmGateway candidate : gateways) {
            if (candidate.crm() == playbook.crm() && candidate.target().configured()) {
                gateway = candidate;
            }
        }
        if (gateway == null) {
            return new Report(false, null, List.of(), "no " + playbook.crm() + " connection is configured, so the CRM's setup was not checked");
        }
        String target = gateway.target().describe();
        if (gateway.target().embedded() && !LocalServer.listening()) {
            return new Report(false, target, List.of(), "the embedded sandbox is not listening yet");
        }
        try {
            return new Report(true, target, SetupProblem.locate(playbook, loaded.yaml(), gateway.validateSetup(playbook)), null);
        } catch (CrmException e) {
            return new Report(false, target, List.of(), "the CRM could not be asked: " + e.getMessage());
        }
    }
}
