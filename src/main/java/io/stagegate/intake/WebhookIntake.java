package io.stagegate.intake;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * What every JSON webhook endpoint does around its sender's own signature and format: reads the body within
 * {@code stagegate.intake.max-body-size}, persists the events in the inbox in one statement, counts every outcome, and
 * answers refusals as problem details (closing the connection when the body was not read to its end). A vendor's
 * resource adds only how its sender signs and what its body holds.
 */
@Singleton
public class WebhookIntake {
    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);

    private final IntakeConfig limits;
    private final Inbox inbox;
    private final IntakeMetrics metrics;

    public WebhookIntake(IntakeConfig limits, Inbox inbox, IntakeMetrics metrics) {
        this.limits = limits;
        this.inbox = inbox;
        this.metrics = metrics;
    }

    /** Reads the body of {@code request} and hands it to {@code accept}; a {@link PushRefused} is counted and answered. */
    public Uni<Response> receive(HttpServerRequest request, InboxSource source, Function<byte[], Uni<Response>> accept) {
        return RequestBodies.read(request, limits.maxBodySize().asLongValue())
                .flatMap(body -> accept.apply(body))
                .onFailure(PushRefused.class).recoverWithItem(failure -> {
                    PushRefused refused = (PushRefused) failure;
                    metrics.count(source, refused.outcome());
                    return RequestBodies.closeAfter(request, WebhookProblems.refused(refused));
                });
    }

    /**
     * Persists a verified batch and answers with {@code status} and a {@link Receipt}, which reports the events of no
     * interest when {@code reportIgnored}; 503 when the inbox cannot be written, so that the sender retries.
     */
    public Uni<Response> persist(InboxSource source, PushBatch batch, Response.Status status, boolean reportIgnored, String what) {
        return inbox.append(source, batch.events())
                .map(appended -> {
                    metrics.count(source, IntakeMetrics.Outcome.ACCEPTED, appended.accepted());
                    metrics.count(source, IntakeMetrics.Outcome.DUPLICATE, appended.duplicates());
                    metrics.count(source, IntakeMetrics.Outcome.IGNORED, batch.ignored());
                    metrics.count(source, IntakeMetrics.Outcome.INVALID, batch.invalid());
                    Receipt receipt = new Receipt(appended.accepted(), appended.duplicates(), reportIgnored ? batch.ignored() + batch.invalid() : null);
                    return Response.status(status).entity(receipt).type(MediaType.APPLICATION_JSON).build();
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not persist %d %s; the sender will retry: %s", batch.events().size(), what, failure.toString());
                    metrics.count(source, IntakeMetrics.Outcome.UNAVAILABLE);
                    return WebhookProblems.unavailable();
                });
    }
}
