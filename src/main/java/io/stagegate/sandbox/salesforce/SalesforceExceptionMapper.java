package io.stagegate.sandbox.salesforce;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Renders the simulated API's errors as Salesforce's error array. */
public class SalesforceExceptionMapper {

    @ServerExceptionMapper
    public Response map(SalesforceApiException e) {
        return SalesforceJson.error(e);
    }
}
