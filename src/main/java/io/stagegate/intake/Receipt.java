package io.stagegate.intake;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answer to an accepted push: new rows, events already in the inbox, and (HubSpot) events of no interest. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(int accepted, int duplicates, Integer ignored) {
}
