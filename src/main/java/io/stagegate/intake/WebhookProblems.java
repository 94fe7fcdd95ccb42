package io.stagegate.intake;

import io.stagegate.api.Problem;
import jakarta.ws.rs.core.Response;

/** The {@code application/problem+json} answers of the JSON push endpoints. */
final class WebhookProblems {
    private WebhookProblems() {
    }

    static Response refused(PushRefused refused) {
        String type;
        switch (refused.outcome()) {
            case UNAUTHENTICATED:
                type = "/problems/webhook-unauthenticated";
                break;
            case NOT_CONFIGURED:
                type = "/problems/webhook-not-configured";
                break;
            case TOO_LARGE:
                type = "/problems/body-too-large";
                break;
            default:
                type = "/problems/invalid-input";
        }
        boolean listed = !refused.problems().isEmpty();
        return respond(new Problem(type, refused.title(), refused.status(), refused.getMessage(), listed ? refused.problems() : null,
                listed ? (long) refused.problems().size() : null));
    }

    static Response unavailable() {
        return respond(new Problem("/problems/inbox-unavailable", "Service Unavailable", 503,
                "the events could not be persisted; nothing was accepted, retry later", null, null));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
