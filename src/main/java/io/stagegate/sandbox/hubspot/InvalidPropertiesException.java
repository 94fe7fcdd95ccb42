package io.stagegate.sandbox.hubspot;

import java.util.List;
import java.util.stream.Collectors;

/** A write refused as a whole because some property values are not valid (HubSpot's 400 VALIDATION_ERROR). */
public final class InvalidPropertiesException extends IllegalArgumentException {
    private final transient List<Invalid> problems;

    /** One refused value: the property, the value sent, HubSpot's error code and message. */
    public record Invalid(String name, String value, String error, String message) {
    }

    InvalidPropertiesException(List<Invalid> problems) {
        super(problems.stream().map(Invalid::message).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Invalid> problems() {
        return problems;
    }
}
