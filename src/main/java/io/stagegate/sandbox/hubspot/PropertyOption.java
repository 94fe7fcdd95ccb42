package io.stagegate.sandbox.hubspot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** One option of an enumeration property: the stored {@code value} and its display {@code label}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PropertyOption(String label, String value, String description, int displayOrder, boolean hidden) {
    PropertyOption {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
    }

    static PropertyOption of(String label, String value, int displayOrder) {
        return new PropertyOption(label, value, null, displayOrder, false);
    }
}
