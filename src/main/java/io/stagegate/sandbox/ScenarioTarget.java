package io.stagegate.sandbox;

import io.stagegate.criteria.Playbook;
import io.stagegate.sandbox.org.DealChange;
import io.stagegate.sandbox.org.Rep;
import io.stagegate.sandbox.org.SyntheticDeal;
import java.util.stream.Stream;

/** One simulated CRM as the synthetic org sees it: seeded once, then changed by the reps' actions. */
public interface ScenarioTarget {

    SandboxCrm crm();

    /** The playbook whose vocabulary (stage values, field names) this CRM's records use. */
    Playbook playbook();

    /** Replaces every record with the generated ones. */
    void seed(Stream<SyntheticDeal> deals);

    /** Applies one rep action as that rep (not as an integration), so it reads as a change made in the CRM's UI. */
    void apply(DealChange change, Rep owner);
}
