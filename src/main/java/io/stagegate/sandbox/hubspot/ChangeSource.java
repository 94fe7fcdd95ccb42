package io.stagegate.sandbox.hubspot;

import java.util.Objects;

/**
 * Who changed a deal property, as HubSpot records it in property history ({@code sourceType}, {@code sourceId},
 * {@code updatedByUserId}) and reports it in webhooks ({@code changeSource}, {@code sourceId}).
 */
public record ChangeSource(String sourceType, String sourceId, Long updatedByUserId) {
    public static final String CRM_UI = "CRM_UI";
    public static final String INTEGRATION = "INTEGRATION";
    public static final String CALCULATED = "CALCULATED";
    public static final String AUTOMATION_PLATFORM = "AUTOMATION_PLATFORM";

    public ChangeSource {
        Objects.requireNonNull(sourceType, "sourceType");
    }

    /** A write through the API by the app {@code appId} (a private app's token). */
    public static ChangeSource integration(long appId) {
        return new ChangeSource(INTEGRATION, String.valueOf(appId), null);
    }

    /** A rep editing the deal in HubSpot; {@code ownerId} as {@link HubSpotPortal#ownerId}. */
    public static ChangeSource user(String ownerId) {
        return new ChangeSource(CRM_UI, "userId:" + ownerId, parseLong(ownerId));
    }

    /** A workflow. */
    public static ChangeSource workflow(String enrollmentId) {
        return new ChangeSource(AUTOMATION_PLATFORM, "enrollmentId:" + enrollmentId, null);
    }

    /** HubSpot's own calculation (stage probability, closed flags, stage dates). */
    public static ChangeSource calculated() {
        return new ChangeSource(CALCULATED, "CalculatedPropertyComputer", null);
    }

    private static Long parseLong(String text) {
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
