package io.stagegate.sandbox.hubspot;

import java.util.Objects;

/** A property group as {@code GET /crm/v3/properties/deals/groups} returns it. */
record PropertyGroup(String name, String label, int displayOrder, boolean archived) {
    PropertyGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
    }
}
