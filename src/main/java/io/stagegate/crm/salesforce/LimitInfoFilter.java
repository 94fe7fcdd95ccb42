package io.stagegate.crm.salesforce;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

/** Reads {@code Sforce-Limit-Info: api-usage=used/max} from every response, errors included. */
final class LimitInfoFilter implements ClientResponseFilter {
    static final String HEADER = "Sforce-Limit-Info";
    private final QuotaTracker quota;

    LimitInfoFilter(QuotaTracker quota) {
        this.quota = quota;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        String value = response.getHeaderString(HEADER);
        if (value != null) {
            quota.recordHeader(value);
        }
    }
}
