package io.stagegate.sandbox;

import io.stagegate.criteria.Crm;
import io.stagegate.criteria.Playbook;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.playbook.PlaybookLoader;
import io.stagegate.sandbox.hubspot.ChangeSource;
import io.stagegate.sandbox.hubspot.HubSpotPortal;
import io.stagegate.sandbox.org.DealChange;
import io.stagegate.sandbox.org.Rep;
import io.stagegate.sandbox.org.SyntheticDeal;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The simulated HubSpot portal as a scenario target: every value is written as the string HubSpot stores; a new
 * related count (contacts) changes the deal's associations.
 */
@Singleton
public class HubSpotScenarioTarget implements ScenarioTarget {
    private final HubSpotPortal portal;
    private final Playbook playbook;

    public HubSpotScenarioTarget(HubSpotPortal portal, ActivePlaybook active) {
        this.portal = portal;
        Playbook current = active.current().playbook();
        this.playbook = current.crm() == Crm.HUBSPOT ? current : PlaybookLoader.fromClasspath("playbooks/default-hubspot.yaml");
    }

    @Override
    public SandboxCrm crm() {
        return SandboxCrm.HUBSPOT;
    }

    @Override
    public Playbook playbook() {
        return playbook;
    }

    @Override
    public void seed(Stream<SyntheticDeal> deals) {
        portal.seed(deals);
    }

    @Override
    public void apply(DealChange change, Rep owner) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (change.stage() != null) {
            properties.put("dealstage", change.stage());
        }
        if (change.amount() != null) {
            properties.put("amount", change.amount().toPlainString());
        }
        if (change.closeDate() != null) {
            properties.put("closedate", change.closeDate().toString());
        }
        change.fields().forEach((name, value) -> properties.put(name, text(value)));
        String id = HubSpotPortal.dealId(change.seq());
        ChangeSource rep = ChangeSource.user(portal.ownerId(owner));
        if (!properties.isEmpty()) {
            portal.update(id, properties, rep);
        }
        change.related().forEach((relation, count) -> portal.setAssociationCount(id, relation, count, rep));
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        return value.toString();
    }
}
