package io.stagegate.crm;

import io.stagegate.criteria.Crm;
import io.stagegate.criteria.Playbook;
import java.time.Instant;
import java.util.List;

/**
 * The port the sync engine drives, one implementation per CRM. Implementations own authentication, paging, batching,
 * quota watching, fault tolerance (timeouts, retries, circuit breaker) and the translation of CRM errors into
 * {@link CrmException}s; CRM DTOs never leave their package.
 */
public interface CrmGateway {

    Crm crm();

    /** What this gateway is connected to (vendor, base URL, embedded sandbox or not), read from its configuration. */
    CrmTarget target();

    /**
     * Checks that every field and stage the playbook maps exists in the CRM and can be used as the playbook uses it.
     * Problems are returned, not thrown: they surface through playbook validation and readiness.
     */
    List<String> validateSetup(Playbook playbook);

    /**
     * Where a poll cycle starting {@code now} from the {@code saved} cursor reads: each connector knows its CRM's
     * overlap window and safety lag. {@code settled} ({@code null}: unknown) is the {@link PollWindow#settled} of the
     * last window read to its end: every record stamped before it has been processed, so no overlap needs to reach
     * back past it. The default reads exactly from the saved cursor up to now.
     */
    default PollWindow pollWindow(SyncCursor saved, Instant now, Instant settled) {
        return new PollWindow(saved, now, now);
    }

    /**
     * The next page of opportunities changed after {@code cursor} and up to {@code until} (now minus a safety lag), in
     * keyset order, with the fields the playbook reads and the output fields.
     */
    ChangePage changedSince(Playbook playbook, SyncCursor cursor, Instant until);

    /** Reads the given records (after a push notification), in as few calls as the API allows. */
    List<CrmOpportunity> read(Playbook playbook, List<String> ids);

    /** The most records one write call carries: the relay claims outbox rows in multiples of it. */
    int writeBatchSize();

    /** Writes output-field values in the largest batches the API allows; one outcome per update, in order. */
    List<WriteOutcome> write(List<FieldUpdate> updates);

    /**
     * Every opportunity that existed at or after {@code since} with the changes its CRM recorded from then on (stage,
     * amount, close date, and the playbook's criteria fields the CRM tracks), for rebuilding it as of a past day
     * ({@code io.stagegate.backtest.PointInTime}). Read within the quota stop, in as few calls as the API allows.
     *
     * @throws CrmException.Fatal if this connector cannot read history
     */
    default CrmHistory history(Playbook playbook, Instant since) {
        throw new CrmException.Fatal(crm() + " history is not read by this connector yet", null, null);
    }

    /** The share of the daily API quota used, 0–1, as last reported by the CRM. */
    double quotaUsed();

    /**
     * Creates what Stagegate writes to (property group, output properties) where the CRM lets a connector do so,
     * idempotently: a second run creates nothing. With {@code suggestedCriteria}, also the fields the playbook's criteria
     * read, where missing. Returns what was created, for people. A CRM whose metadata is deployed otherwise refuses
     * ({@link CrmException.Fatal}, saying how to deploy it).
     */
    default List<String> bootstrap(Playbook playbook, boolean suggestedCriteria) {
        throw new CrmException.Fatal(target().vendor() + " metadata is not created by Stagegate: deploy it as the connector's documentation says",
                null, null);
    }
}
