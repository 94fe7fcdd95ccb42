package io.stagegate.web;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.stagegate.security.Roles;
import io.stagegate.security.WebSessions;

/**
 * Who is looking at a page, as the pages need it: a name for the header, whether the actions of an admin are shown, and
 * the CSRF token their forms carry. Forms are shown only to a signed-in admin: a bearer caller (a script) uses the API.
 */
public record Caller(String name, boolean admin, boolean signedIn, String csrf) {

    public static Caller of(SecurityIdentity identity) {
        String csrf = identity.getAttribute(WebSessions.CSRF_ATTRIBUTE);
        String name = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        return new Caller(name, identity.hasRole(Roles.ADMIN), csrf != null, csrf);
    }

    /** Whether the page offers this caller its changes (the playbook editor, rollbacks). */
    public boolean canChange() {
        return admin && signedIn;
    }

    public String role() {
        return admin ? Roles.ADMIN : Roles.VIEWER;
    }

    /** Refuses a form whose CSRF token is not the one of the caller's session: a page on another site cannot know it. */
    static void requireCsrf(SecurityIdentity identity, String presented) {
        if (!WebSessions.csrfMatches(identity, presented)) {
            throw new ForbiddenException("the form's CSRF token does not belong to this session: reload the page and submit it again");
        }
    }
}
