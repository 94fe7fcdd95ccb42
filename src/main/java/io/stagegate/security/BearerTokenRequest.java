package io.stagegate.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * A bearer token presented to this service. A request type of its own, not Quarkus' {@code TokenAuthenticationRequest}:
 * the OIDC extension registers an identity provider for that type too, and which of two providers runs first would
 * then decide whether a service token or a provider's token is tried.
 */
final class BearerTokenRequest extends BaseAuthenticationRequest {
    private final String token;

    BearerTokenRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }
}
