package io.stagegate.sandbox.hubspot;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/** Per-request state of the simulated API: the correlation id that the error body and the header share. */
@RequestScoped
class HubSpotExchange {
    private String correlationId;

    String correlationId() {
        if (correlationId == null) {
            correlationId = UUID.randomUUID().toString();
        }
        return correlationId;
    }
}
