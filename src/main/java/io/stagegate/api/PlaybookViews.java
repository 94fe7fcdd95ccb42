package io.stagegate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stagegate.persistence.PlaybookVersion;
import io.stagegate.playbook.PlaybookProblem;
import java.time.Instant;
import java.util.List;

/** What {@code /api/playbook} answers, as records. */
public final class PlaybookViews {
    private PlaybookViews() {
    }

    /** What an admin sends: the YAML of a candidate playbook and, to activate it, why. */
    public record Candidate(String yaml, String reason) {
    }

    /** What a rollback may carry: why (default "rollback to vN"). */
    public record RollbackRequest(String reason) {
    }

    /** One version; {@code yaml} only where one version is asked for, {@code diff} against the version before. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Version(long version, String name, String crm, String source, String sha256, String activatedBy, Instant activatedAt,
            String action, String reason, Long restoredFrom, String diff, String yaml) {
        static Version of(PlaybookVersion v, boolean withYaml) {
            return new Version(v.id(), v.name(), v.crm().name(), v.source(), v.sha256(), v.activatedBy(), v.activatedAt(), v.action(), v.reason(),
                    v.restoredFrom(), v.diff(), withYaml ? v.content() : null);
        }
    }

    /** The active version, and whether this instance runs it already (it switches within a few seconds). */
    public record Active(Version active, boolean runningHere, String runningSha256) {
    }

    /** A page of versions, newest first; {@code nextBefore} asks for the next older page ({@code null}: none). */
    public record Versions(List<Version> versions, Long nextBefore) {
    }

    /** A candidate's check: its YAML problems with lines, and what the connected CRM says about its fields and stages. */
    public record Validation(boolean valid, String name, String crm, String sha256, List<PlaybookProblem> problems, PlaybookSetup.Report setup) {
    }

    /** A new active version and the CRM's setup report it was activated with. */
    public record Activated(Version activated, PlaybookSetup.Report setup, String note) {
    }
}
