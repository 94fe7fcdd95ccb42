package io.stagegate.intake;

import java.util.List;

/**
 * A push request refused before anything was persisted: the outcome for the metrics, the HTTP status, and a message
 * that is safe to send back (it never holds a secret, a signature or the expected value of either).
 */
public final class PushRefused extends RuntimeException {
    private final IntakeMetrics.Outcome outcome;
    private final int status;
    private final String title;
    private final List<FieldProblem> problems;

    /** One problem with one field of one event of a JSON body. */
    public record FieldProblem(int index, String field, String message) {
    }

    private PushRefused(IntakeMetrics.Outcome outcome, int status, String title, String message, List<FieldProblem> problems) {
        super(message, null, false, false);
        this.outcome = outcome;
        this.status = status;
        this.title = title;
        this.problems = List.copyOf(problems);
    }

    public static PushRefused unauthenticated(String message) {
        return new PushRefused(IntakeMetrics.Outcome.UNAUTHENTICATED, 401, "Unauthorized", message, List.of());
    }

    public static PushRefused invalid(String message) {
        return new PushRefused(IntakeMetrics.Outcome.INVALID, 400, "Invalid input", message, List.of());
    }

    public static PushRefused invalid(String message, List<FieldProblem> problems) {
        return new PushRefused(IntakeMetrics.Outcome.INVALID, 400, "Invalid input", message, problems);
    }

    public static PushRefused tooLarge(long limit) {
        return new PushRefused(IntakeMetrics.Outcome.TOO_LARGE, 413, "Payload Too Large", "the request body is larger than " + limit + " bytes",
                List.of());
    }

    public static PushRefused notConfigured(String message) {
        return new PushRefused(IntakeMetrics.Outcome.NOT_CONFIGURED, 503, "Service Unavailable", message, List.of());
    }

    public IntakeMetrics.Outcome outcome() {
        return outcome;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** Untrusted text shortened for an error message. */
    public static String quote(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return "'" + shown + "'";
    }
}
