package io.stagegate.sandbox;

import io.stagegate.criteria.Crm;
import io.stagegate.criteria.Playbook;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.playbook.PlaybookLoader;
import io.stagegate.sandbox.org.DealChange;
import io.stagegate.sandbox.org.Rep;
import io.stagegate.sandbox.org.SyntheticDeal;
import io.stagegate.sandbox.salesforce.SalesforceOrg;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The simulated Salesforce org as a scenario target: changes are made as the owning rep, with typed values; a new
 * contact-role count adds (or removes) OpportunityContactRole rows.
 */
@Singleton
public class SalesforceScenarioTarget implements ScenarioTarget {
    private static final String CONTACT_ROLES = "OpportunityContactRoles";
    private final SalesforceOrg org;
    private final Playbook playbook;

    public SalesforceScenarioTarget(SalesforceOrg org, ActivePlaybook active) {
        this.org = org;
        Playbook current = active.current().playbook();
        this.playbook = current.crm() == Crm.SALESFORCE ? current : PlaybookLoader.fromClasspath("playbooks/default-salesforce.yaml");
    }

    @Override
    public SandboxCrm crm() {
        return SandboxCrm.SALESFORCE;
    }

    @Override
    public Playbook playbook() {
        return playbook;
    }

    @Override
    public void seed(Stream<SyntheticDeal> deals) {
        org.seed(deals);
    }

    @Override
    public void apply(DealChange change, Rep owner) {
        Map<String, Object> values = new LinkedHashMap<>(change.fields());
        if (change.stage() != null) {
            values.put("StageName", change.stage());
        }
        if (change.amount() != null) {
            values.put("Amount", change.amount());
        }
        if (change.closeDate() != null) {
            values.put("CloseDate", change.closeDate());
        }
        String actor = org.userIdOfRep(owner.id()).orElse(org.integrationUserId());
        String id = org.opportunityId(change.seq());
        if (!values.isEmpty()) {
            org.update(id, values, actor);
        }
        change.related().forEach((relation, count) -> {
            if (!CONTACT_ROLES.equals(relation)) {
                throw new IllegalArgumentException("the Salesforce sandbox keeps only " + CONTACT_ROLES + ", not " + relation);
            }
            org.setContactRoles(id, count, actor);
        });
    }
}
