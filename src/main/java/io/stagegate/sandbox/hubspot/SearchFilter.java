package io.stagegate.sandbox.hubspot;

import java.util.List;
import java.util.Objects;

/** One filter of a search request: {@code value} for most operators, {@code highValue} for BETWEEN, {@code values} for IN/NOT_IN. */
record SearchFilter(String propertyName, SearchOperator operator, String value, String highValue, List<String> values) {
    SearchFilter {
        Objects.requireNonNull(propertyName, "propertyName");
        Objects.requireNonNull(operator, "operator");
        values = values == null ? List.of() : List.copyOf(values);
    }
}
