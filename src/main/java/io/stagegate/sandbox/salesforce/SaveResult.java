package io.stagegate.sandbox.salesforce;

import java.util.List;

/** The outcome of one record of a write: success with its id, or its errors. */
record SaveResult(String id, List<SaveError> errors) {
    SaveResult {
        errors = List.copyOf(errors);
    }

    static SaveResult ok(String id) {
        return new SaveResult(id, List.of());
    }

    static SaveResult failed(String id, List<SaveError> errors) {
        return new SaveResult(id, errors);
    }

    boolean success() {
        return errors.isEmpty();
    }
}
