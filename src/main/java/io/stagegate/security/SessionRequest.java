package io.stagegate.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A sealed, unexpired UI session, with the CSRF token its forms carry. */
public class SessionRequest extends BaseAuthenticationRequest {
    private final WebSessions.Session session;
    private final String csrfToken;

    public SessionRequest(WebSessions.Session session, String csrfToken) {
        this.session = session;
        this.csrfToken = csrfToken;
    }

    public WebSessions.Session session() {
        return session;
    }

    public String csrfToken() {
        return csrfToken;
    }
}
