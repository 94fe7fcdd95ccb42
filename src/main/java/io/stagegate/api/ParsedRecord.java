package io.stagegate.api;

import io.stagegate.criteria.Opportunity;
import java.util.List;

/** One input record: the opportunity it describes, or the errors that keep it from being one. */
/** {@code id} is the record's id when it has one, even if the record has errors. */
record ParsedRecord(int index, Integer line, String id, Opportunity opportunity, List<InputError> errors) {
}
