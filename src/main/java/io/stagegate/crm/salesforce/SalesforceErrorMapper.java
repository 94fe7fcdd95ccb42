package io.stagegate.crm.salesforce;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns every 4xx/5xx answer into a {@link SalesforceHttpException} that carries the status and the raw error body. */
final class SalesforceErrorMapper implements ResponseExceptionMapper<SalesforceHttpException> {

    @Override
    public SalesforceHttpException toThrowable(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return new SalesforceHttpException(response.getStatus(), body);
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
