package io.stagegate.security;

/** The two roles of the service: {@code admin} changes things, {@code viewer} reads; every admin is a viewer too. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
