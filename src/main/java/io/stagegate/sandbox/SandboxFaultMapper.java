package io.stagegate.sandbox;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Hands an injected fault to the renderer of the CRM it was injected into. */
public class SandboxFaultMapper {
    private final Instance<FaultRenderer> renderers;

    public SandboxFaultMapper(Instance<FaultRenderer> renderers) {
        this.renderers = renderers;
    }

    @ServerExceptionMapper
    public Response map(SandboxFaultException fault) {
        for (FaultRenderer renderer : renderers) {
            if (renderer.crm() == fault.crm()) {
                return renderer.render(fault);
            }
        }
        return Response.status(500).entity(fault.getMessage()).build();
    }
}
