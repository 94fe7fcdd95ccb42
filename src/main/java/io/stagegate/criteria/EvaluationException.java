package io.stagegate.criteria;

/** An opportunity the playbook cannot evaluate, naming the record and the field at fault. */
public final class EvaluationException extends RuntimeException {
    private final String opportunityId;
    private final String field;

    public EvaluationException(String opportunityId, String field, String message) {
        super(message);
        this.opportunityId = opportunityId;
        this.field = field;
    }

    public String opportunityId() {
        return opportunityId;
    }

    public String field() {
        return field;
    }
}
