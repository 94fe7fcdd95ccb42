package io.stagegate.api;

import io.stagegate.criteria.Opportunity;
import java.util.List;

/** One input record: the opportunity it describes, or the errors that keep it from being one. */
record ParsedRecord(int index, Integer line, Opportunity opportunity, List<InputError> errors) {
}
