package io.stagegate.persistence;

import io.smallrye.mutiny.Uni;
import io.stagegate.criteria.Crm;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The history of playbooks the service ran with: who activated which content, when, how and why. The newest version
 * (highest id) is the active one for every instance. Every insert runs under one transaction-scoped advisory lock, so
 * that instances starting together with the same file, or two admins activating at once, see each other's version
 * before deciding whether to add one: the check and the insert are one step.
 */
@ApplicationScoped
public class PlaybookVersions {
    private static final String COLUMNS = "id, name, crm, source, sha256, diff, activated_by, activated_at, action, reason, restored_from";
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('stagegate:playbook_version', 0))";

    private final Instance<Pool> pools;
    private final Clock clock;

    /** The pool is looked up when first used: sandbox mode runs without a database (see {@code sync/SyncStore}). */
    public PlaybookVersions(Instance<Pool> pools, Clock clock) {
        this.pools = pools;
        this.clock = clock;
    }

    /** What an activation did: the version now active, and whether it is new (false: that content was active already). */
    public record Activation(PlaybookVersion version, boolean created) {
    }

    /**
     * Records the playbook file an instance starts with, and returns the version every instance should run. The file
     * becomes a new version only when it differs from the file instances last started with (an edited file, a new
     * deployment) and from the active version; otherwise the active version stands, so that restarting a replica does
     * not undo an activation made through the API, and replicas starting together record one version.
     */
    public Uni<PlaybookVersion> recordAtStart(PlaybookText file) {
        return pool().withTransaction(conn -> lock(conn)
                .flatMap(locked -> conn.query("SELECT sha256 FROM playbook_start_file").execute())
                .flatMap(rows -> {
                    boolean fileUnchanged = rows.size() > 0 && rows.iterator().next().getString("sha256").equals(file.sha256());
                    Uni<PlaybookVersion> active = latest(conn, "");
                    if (fileUnchanged) {
                        return active;
                    }
                    return conn.preparedQuery("INSERT INTO playbook_start_file (sha256, source) VALUES ($1, $2) ON CONFLICT (singleton) "
                            + "DO UPDATE SET sha256 = excluded.sha256, source = excluded.source, seen_at = now()")
                            .execute(Tuple.of(file.sha256(), file.source()))
                            .flatMap(saved -> active)
                            .flatMap(current -> current != null && current.sha256().equals(file.sha256())
                                    ? Uni.createFrom().item(current)
                                    : insert(conn, file, "startup", PlaybookVersion.STARTUP, null, null, current));
                }));
    }

    /**
     * Makes {@code playbook} the active version for every instance, unless its content is active already. {@code action}
     * is {@link PlaybookVersion#ACTIVATE} or {@link PlaybookVersion#ROLLBACK} (then {@code restoredFrom} names the version).
     */
    public Uni<Activation> activate(PlaybookText playbook, String actor, String action, String reason, Long restoredFrom) {
        return pool().withTransaction(conn -> lock(conn)
                .flatMap(locked -> latest(conn, ""))
                .flatMap(active -> {
                    if (active != null && active.sha256().equals(playbook.sha256())) {
                        return Uni.createFrom().item(new Activation(active, false));
                    }
                    return insert(conn, playbook, actor, action, reason, restoredFrom, active).map(created -> new Activation(created, true));
                }));
    }

    /** The active version with its YAML, or {@code null} before any was recorded. */
    public Uni<PlaybookVersion> active() {
        return pool().withConnection(conn -> latest(conn, ""));
    }

    /** The SHA-256 of the active version's YAML (cheap: what every instance compares on its tick), or {@code null}. */
    public Uni<String> activeSha256() {
        return pool().query("SELECT sha256 FROM playbook_version ORDER BY id DESC LIMIT 1").execute()
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("sha256"));
    }

    /** One version with its YAML and diff, or {@code null}. */
    public Uni<PlaybookVersion> version(long id) {
        return pool().preparedQuery("SELECT " + COLUMNS + ", content FROM playbook_version WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : version(rows.iterator().next(), true));
    }

    /**
     * The versions newest first, with their diffs but without their YAML: a page of at most {@code limit} older than
     * {@code beforeId} ({@code null}: from the newest). This is also the audit trail of activations and rollbacks: each
     * carries its actor, time, action and reason.
     */
    public Uni<List<PlaybookVersion>> history(Long beforeId, int limit) {
        return pool().preparedQuery("SELECT " + COLUMNS + " FROM playbook_version WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2")
                .execute(Tuple.of(beforeId, limit))
                .map(rows -> {
                    List<PlaybookVersion> page = new ArrayList<>(rows.size());
                    rows.forEach(row -> page.add(version(row, false)));
                    return page;
                });
    }

    /**
     * For an audit trail: the versions made active from {@code from} (inclusive) to {@code until} (exclusive), newest
     * first, at most {@code limit}, without YAML; each names its actor ({@code startup}, or {@code api:} and the token or
     * user), time, action and reason. {@code null} bounds are open.
     */
    public Uni<List<PlaybookVersion>> activations(Instant from, Instant until, int limit) {
        return pool().preparedQuery("SELECT " + COLUMNS + " FROM playbook_version WHERE ($1::timestamptz IS NULL OR activated_at >= $1) "
                + "AND ($2::timestamptz IS NULL OR activated_at < $2) ORDER BY activated_at DESC, id DESC LIMIT $3")
                .execute(Tuple.of(utc(from), utc(until), limit))
                .map(rows -> {
                    List<PlaybookVersion> page = new ArrayList<>(rows.size());
                    rows.forEach(row -> page.add(version(row, false)));
                    return page;
                });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public Uni<Long> count() {
        return pool().query("SELECT count(*) AS n FROM playbook_version").execute().map(rows -> rows.iterator().next().getLong("n"));
    }

    private static Uni<Void> lock(SqlConnection conn) {
        return conn.query(LOCK).execute().replaceWithVoid();
    }

    private static Uni<PlaybookVersion> latest(SqlConnection conn, String where) {
        return conn.query("SELECT " + COLUMNS + ", content FROM playbook_version " + where + " ORDER BY id DESC LIMIT 1").execute()
                .map(rows -> rows.size() == 0 ? null : version(rows.iterator().next(), true));
    }

    private Uni<PlaybookVersion> insert(SqlConnection conn, PlaybookText playbook, String actor, String action, String reason, Long restoredFrom,
            PlaybookVersion before) {
        String diff = before == null ? null : PlaybookDiff.of(before.content(), playbook.yaml());
        Tuple values = Tuple.tuple().addString(playbook.name()).addString(playbook.crm().name()).addString(playbook.source())
                .addString(playbook.sha256()).addString(playbook.yaml()).addString(diff).addString(actor)
                .addOffsetDateTime(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)).addString(action).addString(reason)
                .addLong(restoredFrom);
        return conn.preparedQuery("INSERT INTO playbook_version (name, crm, source, sha256, content, diff, activated_by, activated_at, action, "
                + "reason, restored_from) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING " + COLUMNS + ", content")
                .execute(values)
                .map(rows -> version(rows.iterator().next(), true));
    }

    private static PlaybookVersion version(Row row, boolean withContent) {
        return new PlaybookVersion(
                row.getLong("id"),
                row.getString("name"),
                Crm.valueOf(row.getString("crm")),
                row.getString("source"),
                row.getString("sha256"),
                withContent ? row.getString("content") : null,
                row.getString("diff"),
                row.getString("activated_by"),
                row.getOffsetDateTime("activated_at").toInstant(),
                row.getString("action"),
                row.getString("reason"),
                row.getLong("restored_from"));
    }

    private Pool pool() {
        return pools.get();
    }
}
