package io.stagegate.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A row of {@code playbook_version}: one playbook the service ran with. Never leaves the persistence layer; reads and
 * writes go through {@link PlaybookVersions} in SQL (its inserts need an advisory lock in the same transaction).
 */
@Entity
@Table(name = "playbook_version")
public class PlaybookVersionEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String crm;

    @Column(nullable = false)
    public String source;

    @Column(nullable = false, columnDefinition = "bpchar(64)")
    public String sha256;

    @Column(nullable = false)
    public String content;

    /** A line diff against the version before ({@code null} for the first). */
    @Column
    public String diff;

    @Column(name = "activated_by", nullable = false)
    public String activatedBy;

    @Column(name = "activated_at", nullable = false)
    public OffsetDateTime activatedAt;

    /** startup, activate or rollback. */
    @Column(nullable = false)
    public String action;

    @Column
    public String reason;

    @Column(name = "restored_from")
    public Long restoredFrom;
}
