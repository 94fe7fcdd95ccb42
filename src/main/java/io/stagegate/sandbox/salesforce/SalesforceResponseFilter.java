package io.stagegate.sandbox.salesforce;

import io.stagegate.sandbox.FrameworkProblem;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Puts {@code Sforce-Limit-Info: api-usage=used/limit} on every response of the simulated REST API, errors included,
 * and turns the framework's own errors on its paths (no such resource, method not allowed, unexpected failures) into
 * Salesforce's error array.
 */
public class SalesforceResponseFilter {
    static final String LIMIT_INFO = "Sforce-Limit-Info";
    static final String API_PREFIX = "/sandbox/salesforce/services/data";

    private final SandboxGate gate;

    public SalesforceResponseFilter(SandboxGate gate) {
        this.gate = gate;
    }

    static String limitInfo(SandboxGate.Usage usage) {
        return "api-usage=" + usage.used() + "/" + usage.limit();
    }

    @ServerResponseFilter
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/sandbox/salesforce/")) {
            return;
        }
        Optional<FrameworkProblem> refused = FrameworkProblem.of(response);
        if (refused.isPresent()) {
            FrameworkProblem problem = refused.get();
            SalesforceApiException error = translate(problem.status(), request.getMethod(), response.getHeaderString(HttpHeaders.ALLOW));
            response.setStatus(error.status());
            response.setEntity(SalesforceJson.error(error).getEntity(), new Annotation[0], MediaType.valueOf(SalesforceJson.MEDIA_TYPE));
        }
        if (path.startsWith(API_PREFIX)) {
            response.getHeaders().putSingle(LIMIT_INFO, limitInfo(gate.usage(SandboxCrm.SALESFORCE)));
        }
    }

    private static SalesforceApiException translate(int status, String method, String allowed) {
        switch (status) {
            case 404:
                return SalesforceApiException.notFound();
            case 405:
                return SalesforceApiException.methodNotAllowed(method, allowed == null ? "GET,HEAD" : allowed);
            case 415:
                return new SalesforceApiException(415, "UNSUPPORTED_MEDIA_TYPE", "Content type not supported");
            case 406:
                return new SalesforceApiException(406, "NOT_ACCEPTABLE", "The requested response type is not supported");
            default:
                if (status >= 500) {
                    return new SalesforceApiException(status, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you "
                            + "contact support: 1427385632-95104 (-1204617295)");
                }
                return new SalesforceApiException(status, List.of(new SalesforceApiException.ApiError("The request could not be processed",
                        "INVALID_INPUT", null)));
        }
    }
}
