package io.stagegate.crm.salesforce;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The token endpoint's answer. There is no expiry: the session lives until it is idle too long or revoked. */
@JsonIgnoreProperties(ignoreUnknown = true)
record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("instance_url") String instanceUrl,
        @JsonProperty("id") String identity) {

    @Override
    public String toString() {
        return "TokenResponse[instanceUrl=" + instanceUrl + ", identity=" + identity + "]";
    }
}
