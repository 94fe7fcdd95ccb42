package io.stagegate.sandbox.org;

import java.util.Objects;

/** A synthetic sales rep; {@code id} is CRM-neutral (each sandbox turns it into a user id of its own shape). */
public record Rep(String id, String name, Habit habit) {
    public Rep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(habit, "habit");
    }
}
