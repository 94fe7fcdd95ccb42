package io.stagegate.crm.hubspot;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.stagegate.criteria.Crm;
import io.stagegate.criteria.Playbook;
import io.stagegate.crm.ChangePage;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmGateway;
import io.stagegate.crm.CrmHistory;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.crm.CrmTarget;
import io.stagegate.crm.FieldUpdate;
import io.stagegate.crm.PollWindow;
import io.stagegate.crm.SyncCursor;
import io.stagegate.crm.WriteOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Stagegate's gateway to one HubSpot portal: polls changed deals through CRM search ({@link DealPages}), reads deals by
 * id with their stage history, writes the qualified forecast back in batches of 100, validates the setup and creates
 * the output properties. It owns the fault tolerance (timeout, a circuit breaker per operation, bulkhead; retries sit
 * per call in {@link HubSpotApi}) and hands the sync engine only {@link CrmException}s and CRM-neutral records.
 */
@ApplicationScoped
public class HubSpotGateway implements CrmGateway {
    private static final Logger LOG = Logger.getLogger(HubSpotGateway.class);
    private static final Pattern DEAL_ID = Pattern.compile("\\d{1,20}");

    private final HubSpotConfig config;
    private final HubSpotClients clients;
    private final HubSpotApi api;
    private final HubSpotTokens tokens;
    private final HubSpotLimits limits;
    private final DealPages pages;
    private final DealWrites writes;

    private volatile DealSchema schema;
    /** Whether the start-up bootstrap ran in this instance (STAGEGATE_HUBSPOT_BOOTSTRAP_ON_START). */
    private volatile boolean bootstrapped;

    HubSpotGateway(HubSpotConfig config, HubSpotClients clients, HubSpotApi api, HubSpotTokens tokens, HubSpotLimits limits) {
        this.config = config;
        this.clients = clients;
        this.api = api;
        this.tokens = tokens;
        this.limits = limits;
        this.pages = new DealPages(api);
        this.writes = new DealWrites(api);
    }

    @Override
    public Crm crm() {
        return Crm.HUBSPOT;
    }

    @Override
    public CrmTarget target() {
        return new CrmTarget(Crm.HUBSPOT, "HubSpot", config.enabled(), config.baseUrl(), config.embeddedSandbox());
    }

    @Override
    public int writeBatchSize() {
        return DealWrites.MAX_RECORDS;
    }

    @Override
    public double quotaUsed() {
        return limits.daily().share();
    }

    /**
     * The saved cursor moved back by the overlap (search indexes a change some time after it is made), but not before
     * what an earlier complete read settled, up to now minus the lag.
     */
    @Override
    public PollWindow pollWindow(SyncCursor saved, Instant now, Instant settled) {
        return PollWindow.overlapping(saved, now, settled, config.overlap(), config.lag());
    }

    @Override
    @Timeout
    @CircuitBreaker(failOn = {CrmException.Retryable.class, TimeoutException.class}, skipOn = {CrmException.Fatal.class, CrmException.QuotaExhausted.class})
    @CircuitBreakerName("hubspot-setup")
    @Bulkhead
    @Fallback(fallbackMethod = "validateSetupUnavailable", applyOn = {TimeoutException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    public List<String> validateSetup(Playbook playbook) {
        if (!config.enabled()) {
            return List.of("the HubSpot connector is disabled: set STAGEGATE_HUBSPOT_ENABLED=true and STAGEGATE_HUBSPOT_ACCESS_TOKEN "
                    + "(see .env.example), or keep the embedded sandbox enabled");
        }
        try {
            if (config.bootstrapOnStart() && !bootstrapped) {
                // the first setup check of this instance, before the first poll: create what is missing, then check
                List<String> created = PropertyBootstrap.run(api, playbook, false);
                bootstrapped = true;
                if (!created.isEmpty()) {
                    LOG.infof("HubSpot bootstrap at start created %s", String.join(", ", created));
                }
            }
            DealSchema current = DealSchema.of(api.properties());
            schema = current;
            return SetupCheck.problems(playbook, current, api.pipelines());
        } catch (CrmException.Fatal | CrmException.QuotaExhausted e) {
            return List.of("cannot check the HubSpot setup: " + e.getMessage());
        }
    }

    List<String> validateSetupUnavailable(Playbook playbook, Exception failure) {
        return List.of("cannot check the HubSpot setup now: " + unavailable(failure).getMessage());
    }

    @Override
    @Timeout
    @CircuitBreaker(failOn = {CrmException.Retryable.class, TimeoutException.class}, skipOn = {CrmException.Fatal.class, CrmException.QuotaExhausted.class})
    @CircuitBreakerName("hubspot-poll")
    @Bulkhead
    @Fallback(fallbackMethod = "changedSinceUnavailable", applyOn = {TimeoutException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    public ChangePage changedSince(Playbook playbook, SyncCursor cursor, Instant until) {
        requireEnabled();
        DealQuery query = DealQuery.of(playbook, schema());
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
    @CircuitBreakerName("hubspot-read")
    @Bulkhead
    @Fallback(fallbackMethod = "readUnavailable", applyOn = {TimeoutException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    public List<CrmOpportunity> read(Playbook playbook, List<String> ids) {
        requireEnabled();
        DealQuery query = DealQuery.of(playbook, schema());
        List<String> valid = new ArrayList<>();
        for (String id : ids) {
            if (DEAL_ID.matcher(id).matches()) {
                valid.add(id);
            } else {
                LOG.warnf("Not reading '%s': it is not a HubSpot deal id", id);
            }
        }
        return pages.read(query, valid, true);
    }

    List<CrmOpportunity> readUnavailable(Playbook playbook, List<String> ids, Exception failure) {
        throw unavailable(failure);
    }

    @Override
    @Timeout
    @CircuitBreaker(failOn = {CrmException.Retryable.class, TimeoutException.class}, skipOn = {CrmException.Fatal.class, CrmException.QuotaExhausted.class})
    @CircuitBreakerName("hubspot-write")
    @Bulkhead
    @Fallback(fallbackMethod = "writeUnavailable", applyOn = {TimeoutException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    public List<WriteOutcome> write(List<FieldUpdate> updates) {
        requireEnabled();
        WriteOutcome[] outcomes = new WriteOutcome[updates.size()];
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < updates.size(); i++) {
            FieldUpdate update = updates.get(i);
            WriteOutcome refusal = DealWrites.refusal(update);
            if (refusal != null) {
                outcomes[i] = refusal;
            } else if (update.values().isEmpty()) {
                outcomes[i] = WriteOutcome.written(update.id());
            } else {
                positions.add(i);
            }
        }
        boolean wroteAny = false;
        for (int start = 0; start < positions.size(); start += DealWrites.MAX_RECORDS) {
            List<Integer> batch = positions.subList(start, Math.min(positions.size(), start + DealWrites.MAX_RECORDS));
            try {
                List<WriteOutcome> results = writes.write(batch.stream().map(updates::get).toList());
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
     * The history a backtest rebuilds the past from ({@link DealHistory}). No overall timeout: the read spans as many
     * pages as the portal has deals, and each call keeps its retries, pacing and the quota stop.
     */
    @Override
    @CircuitBreaker(failOn = CrmException.Retryable.class, skipOn = {CrmException.Fatal.class, CrmException.QuotaExhausted.class})
    @CircuitBreakerName("hubspot-history")
    @Bulkhead
    @Fallback(fallbackMethod = "historyUnavailable", applyOn = {CircuitBreakerOpenException.class, BulkheadException.class})
    public CrmHistory history(Playbook playbook, Instant since) {
        requireEnabled();
        DealSchema current = schema();
        return new DealHistory(api).read(playbook, DealQuery.of(playbook, current), current, since);
    }

    CrmHistory historyUnavailable(Playbook playbook, Instant since, Exception failure) {
        throw unavailable(failure);
    }

    @Override
    @Timeout
    @CircuitBreaker(failOn = {CrmException.Retryable.class, TimeoutException.class}, skipOn = {CrmException.Fatal.class, CrmException.QuotaExhausted.class})
    @CircuitBreakerName("hubspot-bootstrap")
    @Bulkhead
    public List<String> bootstrap(Playbook playbook, boolean suggestedCriteria) {
        requireEnabled();
        List<String> created = PropertyBootstrap.run(api, playbook, suggestedCriteria);
        if (!created.isEmpty()) {
            schema = null; // read the new properties with the next poll
        }
        return created;
    }

    /** Forgets the token, the cached properties, limit readings and any open search (after a configuration change). */
    public void reset() {
        tokens.forget();
        limits.reset();
        schema = null;
        pages.reset();
    }

    /** The portal's deal properties; read once (one call) and reused by every poll and read, refreshed by the setup check. */
    private DealSchema schema() {
        DealSchema current = schema;
        if (current == null) {
            current = DealSchema.of(api.properties());
            schema = current;
        }
        return current;
    }

    private void requireEnabled() {
        if (!config.enabled()) {
            throw new CrmException.Fatal("the HubSpot connector is disabled: set STAGEGATE_HUBSPOT_ENABLED=true", null, null);
        }
    }

    private CrmException.Retryable unavailable(Exception failure) {
        String reason;
        Duration retryAfter = Duration.ZERO;
        if (failure instanceof CircuitBreakerOpenException) {
            reason = "the circuit breaker is open after repeated HubSpot failures";
            retryAfter = Duration.ofSeconds(30);
        } else if (failure instanceof BulkheadException) {
            reason = "too many concurrent HubSpot calls from this instance";
        } else {
            reason = "the call took longer than its timeout";
        }
        return new CrmException.Retryable("HubSpot at " + clients.baseUrl() + " is unavailable: " + reason, null, retryAfter, failure);
    }
}
