package io.stagegate.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.DailyQuota;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

/**
 * One method per Salesforce call. Each call checks the quota first, authenticates, answers a 401 with one shared token
 * refresh and one replay, and translates failures into {@link CrmException}s; {@link CrmException.Retryable} ones are
 * retried here with jittered exponential backoff (the smallest unit, so a retry never repeats calls that succeeded).
 * Timeout, circuit breaker and bulkhead sit on {@link SalesforceGateway}.
 */
@ApplicationScoped
@Retry(maxRetries = 4, delay = 500, jitter = 250, maxDuration = 90_000, retryOn = CrmException.Retryable.class,
        abortOn = {CrmException.Fatal.class, CrmException.QuotaExhausted.class, QueryAborted.class})
@ExponentialBackoff(factor = 2, maxDelay = 30_000)
class SalesforceApi {
    private static final Logger LOG = Logger.getLogger(SalesforceApi.class);
    static final String CALL_OPTIONS = "client=stagegate";
    private static final Pattern LOCATOR = Pattern.compile("/query(?:All)?/([A-Za-z0-9-]+)/?$");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final SalesforceTokenProvider tokens;
    private final SalesforceClients clients;
    private final DailyQuota quota;

    SalesforceApi(SalesforceTokenProvider tokens, SalesforceClients clients, QuotaTracker quota) {
        this.tokens = tokens;
        this.clients = clients;
        this.quota = quota.daily();
    }

    /** A SOQL query; {@code includeDeleted} uses queryAll, which also returns deleted rows. */
    QueryResult query(String soql, boolean includeDeleted, int batchSize) {
        String options = "batchSize=" + batchSize;
        return call((client, bearer) -> includeDeleted ? client.queryAll(bearer, options, soql) : client.query(bearer, options, soql));
    }

    /** The next page of a query: {@code nextRecordsUrl} as Salesforce gave it. */
    QueryResult queryMore(String nextRecordsUrl) {
        Matcher locator = LOCATOR.matcher(nextRecordsUrl);
        if (!locator.find()) {
            throw new CrmException.Fatal("Salesforce returned an unexpected nextRecordsUrl: " + nextRecordsUrl, null, null);
        }
        return call((client, bearer) -> client.queryMore(bearer, locator.group(1)));
    }

    /** The describe of Opportunity, or empty when it has not changed since {@code ifModifiedSince} (304). */
    Optional<DescribeResult> describeOpportunity(Instant ifModifiedSince) {
        String since = ifModifiedSince == null ? null : HTTP_DATE.format(ifModifiedSince);
        return call((client, bearer) -> {
            try (Response response = client.describeOpportunity(bearer, since)) {
                if (response.getStatus() == 304) {
                    return Optional.empty();
                }
                return Optional.of(response.readEntity(DescribeResult.class));
            }
        });
    }

    /** The describe of OpportunityFieldHistory (which fields have history tracking on). */
    DescribeResult describeFieldHistory() {
        return call((client, bearer) -> client.describeFieldHistory(bearer));
    }

    /** Updates up to 200 records in one call; one result per record, in request order. */
    List<SaveResult> updateCollection(String body) {
        return call((client, bearer) -> client.updateCollection(bearer, CALL_OPTIONS, body));
    }

    private interface Request<T> {
        T send(SalesforceDataClient client, String bearer);
    }

    private <T> T call(Request<T> request) {
        checkQuota();
        return authorized(request);
    }

    private <T> T authorized(Request<T> request) {
        SalesforceTokenProvider.Session session = tokens.session();
        try {
            return attempt(session, request);
        } catch (SalesforceHttpException e) {
            if (e.status() != 401) {
                throw translate(e);
            }
            LOG.debugf("Salesforce rejected the session (%s); logging in again", e.code());
        }
        try {
            return attempt(tokens.refresh(session), request);
        } catch (SalesforceHttpException e) {
            throw translate(e);
        }
    }

    private <T> T attempt(SalesforceTokenProvider.Session session, Request<T> request) {
        try {
            return request.send(clients.data(session.instanceUrl()), session.bearer());
        } catch (ProcessingException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new CrmException.Retryable("cannot reach Salesforce at " + session.instanceUrl() + ": " + cause, null, Duration.ZERO, e);
        }
    }

    private RuntimeException translate(SalesforceHttpException e) {
        if (SalesforceErrors.QUERY_TIMEOUT.equals(e.code()) || SalesforceErrors.INVALID_QUERY_LOCATOR.equals(e.code())) {
            return new QueryAborted(e);
        }
        return SalesforceErrors.classify(e, quota);
    }

    /**
     * Refuses to call above the configured share of the daily quota. While stopped, {@code /limits} is asked at most
     * once per check interval whether usage has dropped (it costs one request, far less than polling blindly).
     */
    private void checkQuota() {
        if (quota.belowStop()) {
            return;
        }
        if (quota.bookCheck()) {
            JsonNode limits = authorized((client, bearer) -> client.limits(bearer));
            JsonNode daily = limits == null ? null : limits.get("DailyApiRequests");
            if (daily != null && daily.hasNonNull("Max") && daily.hasNonNull("Remaining")) {
                long max = daily.get("Max").asLong();
                quota.record(max - daily.get("Remaining").asLong(), max);
            }
            if (quota.belowStop()) {
                LOG.infof("Salesforce API usage is below the stop share again (%s); resuming", quota.describe());
                return;
            }
        }
        throw quota.stopped();
    }
}
