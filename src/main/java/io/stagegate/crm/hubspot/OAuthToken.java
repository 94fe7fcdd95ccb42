package io.stagegate.crm.hubspot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The token endpoint's answer; {@link #toString()} hides the tokens. */
@JsonIgnoreProperties(ignoreUnknown = true)
record OAuthToken(@JsonProperty("access_token") String accessToken, @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("expires_in") long expiresIn) {

    @Override
    public String toString() {
        return "OAuthToken[expiresIn=" + expiresIn + "]";
    }
}
