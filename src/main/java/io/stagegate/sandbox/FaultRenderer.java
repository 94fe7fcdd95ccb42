package io.stagegate.sandbox;

import jakarta.ws.rs.core.Response;

/** Renders an injected fault in one simulated CRM's own error format. One bean per {@link SandboxCrm}. */
public interface FaultRenderer {
    SandboxCrm crm();

    Response render(SandboxFaultException fault);
}
