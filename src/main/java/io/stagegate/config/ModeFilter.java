package io.stagegate.config;

import io.stagegate.api.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** In sandbox mode only /sandbox is served; everything else answers 404 with a problem that says why. */
public class ModeFilter {
    private final StagegateConfig config;

    public ModeFilter(StagegateConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Response onlySandbox(ContainerRequestContext request) {
        if (config.mode() != StagegateConfig.Mode.SANDBOX) {
            return null;
        }
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/sandbox") || path.startsWith("sandbox")) {
            return null;
        }
        return Response.status(404).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(404, "Not Found", "this instance runs in sandbox mode (STAGEGATE_MODE=sandbox) and serves only /sandbox"))
                .build();
    }
}
