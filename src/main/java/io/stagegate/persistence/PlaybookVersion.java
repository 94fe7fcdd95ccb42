package io.stagegate.persistence;

import io.stagegate.criteria.Crm;
import java.time.Instant;

/**
 * One recorded playbook version: what ran, who made it active, when, how and why.
 *
 * @param content the YAML, or {@code null} in listings that leave it out
 * @param diff the line diff against the version before ({@code null} for the first)
 * @param action {@code startup} (a file recorded when an instance started), {@code activate} or {@code rollback}
 * @param reason why an admin activated it ({@code null} for startup versions)
 * @param restoredFrom for a rollback, the version whose content it restored
 */
public record PlaybookVersion(
        long id,
        String name,
        Crm crm,
        String source,
        String sha256,
        String content,
        String diff,
        String activatedBy,
        Instant activatedAt,
        String action,
        String reason,
        Long restoredFrom) {

    public static final String STARTUP = "startup";
    public static final String ACTIVATE = "activate";
    public static final String ROLLBACK = "rollback";
}
