package io.stagegate.sandbox;

import jakarta.ws.rs.core.Response;

/**
 * The sandbox's own refusal of its admin API's input, served as an RFC 9457 problem detail like the product's, without
 * depending on the product.
 *
 * @param type   the problem type
 * @param title  what kind of problem
 * @param status the HTTP status
 * @param detail what is wrong and where
 */
public record SandboxProblem(String type, String title, int status, String detail) {

    /** Bad input to a sandbox endpoint: mapped to a 400 problem by the resource that throws it. */
    public static final class BadInput extends RuntimeException {
        public BadInput(String message) {
            super(message);
        }
    }

    static Response badInput(BadInput e) {
        return Response.status(400).type(FrameworkProblem.MEDIA_TYPE)
                .entity(new SandboxProblem("/problems/invalid-input", "Invalid input", 400, e.getMessage())).build();
    }
}
