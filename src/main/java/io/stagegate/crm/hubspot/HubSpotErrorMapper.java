package io.stagegate.crm.hubspot;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns every 4xx/5xx answer into a {@link HubSpotHttpException} that carries the status, body and Retry-After. */
final class HubSpotErrorMapper implements ResponseExceptionMapper<HubSpotHttpException> {

    @Override
    public HubSpotHttpException toThrowable(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return new HubSpotHttpException(response.getStatus(), body, response.getHeaderString("Retry-After"));
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
