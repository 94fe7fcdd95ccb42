package io.stagegate.sandbox.salesforce;

import io.stagegate.criteria.Crm;
import io.stagegate.criteria.Playbook;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.playbook.PlaybookLoader;
import io.stagegate.sandbox.SandboxConfig;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires the framework-free parts of the simulated Salesforce. The org starts with its metadata (stages from the
 * playbook, record types, the integration user) and no opportunities: {@link SalesforceOrg#seed} fills it.
 */
public class SalesforceSandboxProducer {
    /** Salesforce releases a query cursor after 15 minutes without a fetch. */
    static final Duration CURSOR_IDLE = Duration.ofMinutes(15);

    /** The org; every update an API client makes is counted per client in the gate's statistics. */
    @Produces
    @Singleton
    SalesforceOrg org(ActivePlaybook active, SandboxConfig config, Clock clock, SandboxGate gate) {
        SalesforceOrg org = new SalesforceOrg(playbook(active), clock, config.salesforce().username());
        org.addChangeListener(change -> {
            if (change.client() != null && change.kind() == OpportunityChange.Kind.UPDATE) {
                gate.recordUpdated(SandboxCrm.SALESFORCE, change.client(), change.opportunityId(), !change.values().isEmpty());
                gate.recordTrail(SandboxCrm.SALESFORCE, change.client(), change.opportunityId(), trail(change));
            }
        });
        return org;
    }

    /** One update as a short line: when, and the values it changed (each cut to 60 characters). */
    private static String trail(OpportunityChange change) {
        StringBuilder line = new StringBuilder().append(change.at()).append(" changed");
        change.values().forEach((field, value) -> {
            String text = String.valueOf(value);
            line.append(' ').append(field).append('=').append(text.length() > 60 ? text.substring(0, 60) + "…" : text);
        });
        return line.toString();
    }

    @Produces
    @Singleton
    SalesforceSessions sessions(SandboxConfig config, Clock clock) {
        return new SalesforceSessions(clock, Duration.ofSeconds(config.salesforce().sessionSeconds()));
    }

    @Produces
    @Singleton
    QueryCursors cursors(Clock clock) {
        return new QueryCursors(clock, CURSOR_IDLE);
    }

    /** The active playbook when it is written for Salesforce, else the shipped Salesforce default. */
    static Playbook playbook(ActivePlaybook active) {
        Playbook current = active.current().playbook();
        return current.crm() == Crm.SALESFORCE ? current : PlaybookLoader.fromClasspath("playbooks/default-salesforce.yaml");
    }
}
