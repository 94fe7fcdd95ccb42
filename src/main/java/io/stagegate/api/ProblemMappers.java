package io.stagegate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.stagegate.playbook.CelBudget;
import io.stagegate.playbook.InvalidPlaybookException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the API as {@code application/problem+json}, saying what is wrong and where. */
public final class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized("this needs a bearer token: Authorization: Bearer <token> (docs/operations.md#access)");
    }

    @ServerExceptionMapper
    public Response badToken(AuthenticationFailedException e) {
        return unauthorized("the bearer token is not one this service accepts");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(new Problem("/problems/forbidden", "Forbidden", 403, "the caller's role may not do this: changes need admin, reads viewer", null, null));
    }

    @ServerExceptionMapper
    public Response badInput(BadInputException e) {
        return respond(new Problem("/problems/invalid-input", "Invalid input", 400, e.getMessage(),
                e.errors().isEmpty() ? null : e.errors(), e.errors().isEmpty() ? null : e.total()));
    }

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        return respond(new Problem("/problems/invalid-parameter", "Invalid parameter", 400, e.getMessage(),
                List.of(Map.of("parameter", e.parameter(), "message", Quote.prefix(e.getMessage(), Quote.MAX_MESSAGE_CHARS))), 1L));
    }

    @ServerExceptionMapper
    public Response invalidPlaybook(InvalidPlaybookException e) {
        return respond(new Problem("/problems/invalid-playbook", "Invalid playbook", 400,
                "the playbook from " + e.source() + " has " + e.problems().size() + " problem(s)", e.problems(), (long) e.problems().size()));
    }

    @ServerExceptionMapper
    public Response incompleteBody(IncompleteBodyException e) {
        LOG.debugf("request body incomplete: %s", e.getMessage());
        Problem problem = Problem.of(408, "Request Timeout", Quote.prefix(e.getMessage(), Quote.MAX_MESSAGE_CHARS));
        return Response.status(408).type(Problem.MEDIA_TYPE).header("Retry-After", "5").header("Connection", "close").entity(problem).build();
    }

    @ServerExceptionMapper
    public Response expressionBudget(CelBudget.Exhausted e) {
        return respond(new Problem("/problems/expression-budget", "Expression budget exceeded", 400, e.getMessage(), null, null));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        if (e instanceof JsonMappingException) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : null;
            String path = ((JsonMappingException) e).getPathReference();
            return respond(Problem.of(400, "Invalid input", "the request body does not fit" + where
                    + (path == null ? "" : " (" + path + ")") + ": " + (cause != null ? cause.getMessage() : e.getOriginalMessage())));
        }
        return respond(Problem.of(400, "Invalid JSON", "the request body is not valid JSON" + where + ": " + e.getOriginalMessage()));
    }

    /**
     * A refusal that already carries its problem document (a 409 saying why nothing is synced) keeps it; any other
     * gets one from its status, whose message is then all the framework knows ("HTTP 404 Not Found").
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getResponse().getEntity() instanceof Problem problem) {
            return respond(problem);
        }
        int status = e.getResponse().getStatus();
        return respond(Problem.of(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage()));
    }

    /**
     * An I/O failure raised while the framework reads the request (a multipart body cut short, a connection closed
     * mid-upload) is the request's fault; one raised in Stagegate's own code (a full disk) is not, and gets an error id.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("io.stagegate.")) {
                return unexpected(e);
            }
        }
        LOG.debugf("request body could not be read: %s", e.getMessage());
        return respond(Problem.of(400, "Invalid input", "the request body could not be read, it is incomplete or malformed: "
                + Quote.prefix(e.getMessage(), Quote.MAX_MESSAGE_CHARS)));
    }

    /** The client gets an error id, and the log has the same id with the stack trace: a 500 can be traced. */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s while serving a request", errorId);
        return respond(Problem.of(500, "Internal Server Error", "an unexpected error occurred (error id " + errorId
                + "); the service log has the details under that id"));
    }

    /** 401 with the challenge a client needs to know what to send (RFC 6750). */
    private static Response unauthorized(String detail) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer realm=\"stagegate\"")
                .entity(new Problem("/problems/unauthorized", "Unauthorized", 401, detail, null, null)).build();
    }

    private static Response respond(Problem problem) {
        Problem capped = new Problem(problem.type(), problem.title(), problem.status(), Quote.prefix(problem.detail(), Quote.MAX_MESSAGE_CHARS),
                problem.errors(), problem.totalErrors());
        return Response.status(capped.status()).type(Problem.MEDIA_TYPE).entity(capped).build();
    }
}
