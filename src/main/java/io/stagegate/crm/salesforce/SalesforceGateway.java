package io.stagegate.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.stagegate.criteria.Crm;
import io.stagegate.criteria.Playbook;
import io.stagegate.crm.ChangePage;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmGateway;
import io.stagegate.crm.CrmHistory;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.crm.CrmTarget;
import io.stagegate.crm.DailyQuota;
import io.stagegate.crm.FieldUpdate;
import io.stagegate.crm.PollWindow;
import io.stagegate.crm.SyncCursor;
import io.stagegate.crm.WriteOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Stagegate's gateway to one Salesforce org: polls changed opportunities in keyset order ({@link OpportunityPages}),
 * reads records by id, writes the qualified forecast back in sObject Collections of 200, and validates the setup. It
 * owns the fault tolerance (timeout, a circuit breaker per operation, bulkhead; retries sit per call in
 * {@link SalesforceApi}) and hands the sync engine only {@link CrmException}s and CRM-neutral records.
 *
 * <p>The annotations say what is guarded and what counts as a failure: retryable errors and timeouts trip a breaker,
 * fatal and quota errors do not (they are answers, not outages). The figures (timeouts, breaker thresholds, bulkhead
 * size) are configuration: {@code quarkus.fault-tolerance.*} in application.properties.
 */
@ApplicationScoped
public class SalesforceGateway implements CrmGateway {
    private static final Logger LOG = Logger.getLogger(SalesforceGateway.class);

    private final SalesforceConfig config;
    private final SalesforceClients clients;
    private final SalesforceApi api;
    private final SalesforceTokenProvider tokens;
    private final DailyQuota quota;
    private final Clock clock;

    private final OpportunityPages pages;

    private volatile OpportunitySchema schema;

    SalesforceGateway(SalesforceConfig config, SalesforceClients clients, SalesforceApi api, SalesforceTokenProvider tokens, QuotaTracker quota,
            Clock clock) {
        this.config = config;
        this.clients = clients;
        this.api = api;
        this.tokens = tokens;
        this.quota = quota.daily();
        this.clock = clock;
        this.pages = new OpportunityPages(api, config);
    }

    @Override
    public Crm crm() {
        return Crm.SALESFORCE;
    }

    @Override
    public CrmTarget target() {
        return new CrmTarget(Crm.SALESFORCE, "Salesforce", config.enabled(), clients.loginUrl().orElse("?"), config.embeddedSandbox());
    }

    @Override
    public int writeBatchSize() {
        return CollectionWrites.MAX_RECORDS;
    }

    @Override
    public double quotaUsed() {
        return quota.share();
    }

    /**
     * The saved cursor moved back by the overlap window (late commits), but not before what an earlier complete read
     * settled, up to now minus the lag (open transactions). A row commits at most the overlap after its stamp, so a
     * read that begins at {@code now} sees every row stamped before {@code now - overlap}: an idle org's window moves
     * past its last change once the overlap has passed, and its query returns nothing (docs/design-sync.md).
     */
    @Override
    public PollWindow pollWindow(SyncCursor saved, Instant now, Instant settled) {
        return PollWindow.overlapping(saved, now, settled, config.overlap(), config.lag());
    }

    @Override
    @Timeout
    @CircuitBreaker(failOn = {CrmException.Retryable.class, TimeoutException.class}, skipOn = {CrmException.Fatal.class, CrmException.QuotaExhausted.class})
    @CircuitBreakerName("salesforce-setup")
    @Bulkhead
    @Fallback(fallbackMethod = "validateSetupUnavailable", applyOn = {TimeoutException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    public List<String> validateSetup(Playbook playbook) {
        if (!config.enabled()) {
            return List.of("the Salesforce connector is disabled: set STAGEGATE_SALESFORCE_ENABLED=true and the other STAGEGATE_SALESFORCE_* "
                    + "variables (see .env.example and deploy/salesforce/README.md)");
        }
        try {
            OpportunitySchema current = revalidatedSchema();
            List<JsonNode> stages = pages.queryAll(SoqlBuilder.stages(SetupValidator.stageValues(playbook)), false);
            return SetupValidator.problems(playbook, current, stages);
        } catch (CrmException.Fatal | CrmException.QuotaExhausted e) {
            return List.of("cannot check the Salesforce setup: " + e.getMessage());
        }
    }

    List<String> validateSetupUnavailable(Playbook playbook, Exception failure) {
        return List.of("cannot check the Salesforce setup now: " + unavailable(failure).getMessage());
    }

    @Override
    @Timeout
    @CircuitBreaker(failOn = {CrmException.Retryable.class, TimeoutException.class}, skipOn = {CrmException.Fatal.class, CrmException.QuotaExhausted.class})
    @CircuitBreakerName("salesforce-poll")
    @Bulkhead
    @Fallback(fallbackMethod = "changedSinceUnavailable", applyOn = {TimeoutException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    public ChangePage changedSince(Playbook playbook, SyncCursor cursor, Instant until) {
        requireEnabled();
        OpportunityQuery query = OpportunityQuery.of(playbook, schema());
        if (until.isBefore(cursor.modifiedAt())) {
            return new ChangePage(List.of(), cursor, false);
        }
        return pages.changedSince(query, cursor, until);
    }

    ChangePage changedSinceUnavailable(Playbook playbook, SyncCursor cursor, Instant until, Exception failure) {
        throw unavailable(failure);
    }

    @Override
    @Timeout
    @CircuitBreaker(failOn = {CrmException.Retryable.class, TimeoutException.class}, skipOn = {CrmException.Fatal.class, CrmException.QuotaExhausted.class})
    @CircuitBreakerName("salesforce-read")
    @Bulkhead
    @Fallback(fallbackMethod = "readUnavailable", applyOn = {TimeoutException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    public List<CrmOpportunity> read(Playbook playbook, List<String> ids) {
        requireEnabled();
        OpportunityQuery query = OpportunityQuery.of(playbook, schema());
        List<String> valid = new ArrayList<>(new LinkedHashSet<>(ids));
        valid.removeIf(id -> {
            boolean invalid = !SalesforceId.isId(id);
            if (invalid) {
                LOG.warnf("Not reading '%s': it is not a Salesforce id", id);
            }
            return invalid;
        });
        List<JsonNode> records = new ArrayList<>();
        for (String soql : query.soql().byIds(valid)) {
            records.addAll(pages.queryAll(soql, true));
        }
        Map<String, CrmOpportunity> byId = new LinkedHashMap<>();
        pages.toOpportunities(query, records).forEach(opportunity -> byId.put(opportunity.id(), opportunity));
        List<CrmOpportunity> ordered = new ArrayList<>();
        for (String id : valid) {
            CrmOpportunity found = byId.remove(id);
            if (found != null) {
                ordered.add(found);
            }
        }
        ordered.addAll(byId.values());
        return ordered;
    }

    List<CrmOpportunity> readUnavailable(Playbook playbook, List<String> ids, Exception failure) {
        throw unavailable(failure);
    }

    @Override
    @Timeout
    @CircuitBreaker(failOn = {CrmException.Retryable.class, TimeoutException.class}, skipOn = {CrmException.Fatal.class, CrmException.QuotaExhausted.class})
    @CircuitBreakerName("salesforce-write")
    @Bulkhead
    @Fallback(fallbackMethod = "writeUnavailable", applyOn = {TimeoutException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    public List<WriteOutcome> write(List<FieldUpdate> updates) {
        requireEnabled();
        WriteOutcome[] outcomes = new WriteOutcome[updates.size()];
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < updates.size(); i++) {
            FieldUpdate update = updates.get(i);
            WriteOutcome refusal = CollectionWrites.refusal(update);
            if (refusal != null) {
                outcomes[i] = refusal;
            } else if (update.values().isEmpty()) {
                outcomes[i] = WriteOutcome.written(update.id());
            } else {
                positions.add(i);
            }
        }
        OpportunitySchema current = positions.isEmpty() ? null : schema();
        boolean wroteAny = false;
        for (int start = 0; start < positions.size(); start += CollectionWrites.MAX_RECORDS) {
            List<Integer> batch = positions.subList(start, Math.min(positions.size(), start + CollectionWrites.MAX_RECORDS));
            List<FieldUpdate> chunk = batch.stream().map(updates::get).toList();
            try {
                List<WriteOutcome> results = CollectionWrites.outcomes(chunk, api.updateCollection(CollectionWrites.body(chunk, current)));
                for (int i = 0; i < batch.size(); i++) {
                    outcomes[batch.get(i)] = results.get(i);
                }
                wroteAny = true;
            } catch (CrmException.Retryable | CrmException.QuotaExhausted e) {
                if (!wroteAny) {
                    throw e;
                }
                // Earlier batches are written: report them, and leave the rest to be retried later.
                for (int position : positions.subList(start, positions.size())) {
                    outcomes[position] = new WriteOutcome(updates.get(position).id(), WriteOutcome.Status.RETRY, e.crmCode(), e.getMessage());
                }
                break;
            }
        }
        return Arrays.asList(outcomes);
    }

    List<WriteOutcome> writeUnavailable(List<FieldUpdate> updates, Exception failure) {
        throw unavailable(failure);
    }

    /**
     * The history a backtest rebuilds the past from ({@link HistoryReader}). No overall timeout: the read spans as many
     * pages as the org has rows since {@code since}, and each call keeps its own timeout, retries and the quota stop.
     */
    @Override
    @CircuitBreaker(failOn = CrmException.Retryable.class, skipOn = {CrmException.Fatal.class, CrmException.QuotaExhausted.class})
    @CircuitBreakerName("salesforce-history")
    @Bulkhead
    @Fallback(fallbackMethod = "historyUnavailable", applyOn = {CircuitBreakerOpenException.class, BulkheadException.class})
    public CrmHistory history(Playbook playbook, Instant since) {
        requireEnabled();
        OpportunitySchema current = schema();
        OpportunityQuery query = OpportunityQuery.of(playbook, current);
        return new HistoryReader(api, pages.pageSize()).read(playbook, query, current, since, clock.instant());
    }

    CrmHistory historyUnavailable(Playbook playbook, Instant since, Exception failure) {
        throw unavailable(failure);
    }

    /** Forgets the session, the cached describe, quota readings and any open query (after a configuration change). */
    public void reset() {
        tokens.forget();
        quota.reset();
        schema = null;
        pages.reset();
    }

    /** The cached describe; read once (one call) and reused by every poll and write. */
    private OpportunitySchema schema() {
        OpportunitySchema current = schema;
        if (current == null) {
            Instant now = clock.instant();
            current = OpportunitySchema.of(api.describeOpportunity(null).orElseThrow(), now);
            schema = current;
        }
        return current;
    }

    /** The describe, revalidated with If-Modified-Since when cached (a 304 keeps the cached one). */
    private OpportunitySchema revalidatedSchema() {
        OpportunitySchema cached = schema;
        if (cached == null) {
            return schema();
        }
        Instant now = clock.instant();
        OpportunitySchema current = api.describeOpportunity(cached.fetchedAt())
                .map(describe -> OpportunitySchema.of(describe, now))
                .orElse(cached);
        schema = current;
        return current;
    }

    private void requireEnabled() {
        if (!config.enabled()) {
            throw new CrmException.Fatal("the Salesforce connector is disabled: set STAGEGATE_SALESFORCE_ENABLED=true", null, null);
        }
    }

    private static CrmException.Retryable unavailable(Exception failure) {
        String reason;
        Duration retryAfter = Duration.ZERO;
        if (failure instanceof CircuitBreakerOpenException) {
            reason = "the circuit breaker is open after repeated Salesforce failures";
            retryAfter = Duration.ofSeconds(30);
        } else if (failure instanceof BulkheadException) {
            reason = "too many concurrent Salesforce calls from this instance";
        } else {
            reason = "the call took longer than its timeout";
        }
        return new CrmException.Retryable("Salesforce is unavailable: " + reason, null, retryAfter, failure);
    }
}
