package io.stagegate.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagegate.criteria.Crm;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Playbook;
import io.stagegate.playbook.PlaybookLoader;
import io.stagegate.testsupport.PackagedApp;
import io.stagegate.testsupport.RestartablePostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * What the scale-out and crash ITs run: one sandbox process (a simulated Salesforce org, {@code STAGEGATE_MODE=sandbox}),
 * one PostgreSQL, and packaged Stagegate services syncing that org with write-back on, each in its own JVM. It waits
 * until the sync has drained and judges the result from the outside: the CRM's records over its REST API, the
 * sandbox's write counters, the sync tables, and the service's stateless {@code /api/evaluate}.
 */
final class SyncRig implements AutoCloseable {
    static final Playbook PLAYBOOK = PlaybookLoader.fromClasspath("playbooks/default-salesforce.yaml");
    static final String CLIENT = "stagegate";
    /** Frozen as first observed by the sync engine, while a fresh evaluation judges old moves with today's fields. */
    static final Set<String> FROZEN = Set.of(PLAYBOOK.outputField(OutputField.STAGE_SKIP), PLAYBOOK.outputField(OutputField.SKIPPED_CRITERIA_DETAIL));
    private static final Duration READY = Duration.ofSeconds(240); // a JVM start plus seeding on a loaded 2-core machine
    /**
     * Short-lived JVMs on a small machine: a serial collector and a bounded heap; the services only with the client
     * compiler (they start faster), the sandbox with both (its SOQL evaluation is what the sync waits for).
     */
    private static final String[] JVM_OPTIONS_SERVICE = {"-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"};
    private static final String[] JVM_OPTIONS_SANDBOX = {"-Xmx768m", "-XX:+UseSerialGC"};

    /** How a rig is set up. */
    record Settings(String name, int size, int actionsPerTick, String faults, long latencyMs, long jitterMs, int services,
            Map<String, String> serviceEnv) {
    }

    final Settings settings;
    final RestartablePostgres db;
    final PackagedApp sandboxApp;
    final SandboxHttp sandbox;
    final List<PackagedApp> services = new ArrayList<>();
    private final List<String> outputNames = new ArrayList<>();

    private SyncRig(Settings settings) {
        this.settings = settings;
        for (OutputField field : OutputField.values()) {
            outputNames.add(PLAYBOOK.outputField(field));
        }
        PackagedApp.requireJar();
        db = RestartablePostgres.start(settings.name());
        Map<String, String> sandboxEnv = new LinkedHashMap<>();
        sandboxEnv.put("STAGEGATE_MODE", "sandbox");
        sandboxEnv.put("STAGEGATE_SANDBOX_SEED", "42");
        sandboxEnv.put("STAGEGATE_SANDBOX_SIZE", String.valueOf(settings.size()));
        sandboxEnv.put("STAGEGATE_SANDBOX_SEED_ON_START", "true");
        // the test drives the reps (POST /sandbox/admin/scenario/tick), so that runs on one seed see the same actions
        sandboxEnv.put("STAGEGATE_SANDBOX_SCENARIO_INTERVAL_SECONDS", "0");
        sandboxEnv.put("STAGEGATE_SANDBOX_SCENARIO_ACTIONS_PER_TICK", String.valueOf(settings.actionsPerTick()));
        sandboxEnv.put("STAGEGATE_SANDBOX_SALESFORCE_LIMITS_FAULTS", settings.faults());
        sandboxEnv.put("STAGEGATE_SANDBOX_SALESFORCE_LIMITS_LATENCY_MS", String.valueOf(settings.latencyMs()));
        sandboxEnv.put("STAGEGATE_SANDBOX_SALESFORCE_LIMITS_JITTER_MS", String.valueOf(settings.jitterMs()));
        sandboxApp = PackagedApp.of(settings.name() + "-sandbox", sandboxEnv, JVM_OPTIONS_SANDBOX);
        sandbox = new SandboxHttp(sandboxApp.url(""));
        for (int i = 1; i <= settings.services(); i++) {
            services.add(PackagedApp.of(settings.name() + "-service-" + i, serviceEnv(settings.name() + "-" + i), JVM_OPTIONS_SERVICE));
        }
    }

    /** Starts the database, the sandbox and the services; returns when every one of them is ready. */
    static SyncRig start(Settings settings) {
        SyncRig rig = new SyncRig(settings);
        try {
            // all at once: a service retries the sandbox until it answers, and the JVMs start faster side by side
            rig.sandboxApp.start();
            rig.services.forEach(PackagedApp::start);
            rig.sandboxApp.awaitReady("/q/health", READY);
            rig.services.forEach(service -> service.awaitReady("/q/health/ready", READY));
            return rig;
        } catch (RuntimeException e) {
            rig.close();
            throw e;
        }
    }

    private Map<String, String> serviceEnv(String applicationName) {
        Map<String, String> env = new LinkedHashMap<>(db.serviceEnvironment());
        // the name shows in pg_stat_activity, so the holder of the poll lock can be told
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", env.get("QUARKUS_DATASOURCE_REACTIVE_URL") + "?application_name=" + applicationName);
        env.put("STAGEGATE_SANDBOX_ENABLED", "false");
        env.put("STAGEGATE_SALESFORCE_ENABLED", "true");
        env.put("STAGEGATE_SALESFORCE_LOGIN_URL", sandboxApp.url("/sandbox/salesforce"));
        env.put("STAGEGATE_SALESFORCE_AUTH_FLOW", "client-credentials");
        env.put("STAGEGATE_SALESFORCE_CLIENT_ID", "demo");
        env.put("STAGEGATE_SALESFORCE_CLIENT_SECRET", "demo");
        env.put("STAGEGATE_SALESFORCE_OVERLAP", "10s");
        env.put("STAGEGATE_SALESFORCE_LAG", "2s");
        env.put("STAGEGATE_SYNC_WRITE_BACK", "on");
        env.put("STAGEGATE_SYNC_START_DELAY", "1s");
        env.put("STAGEGATE_SYNC_POLL_INTERVAL", "1s");
        env.put("STAGEGATE_SYNC_WORK_INTERVAL", "1s");
        env.put("STAGEGATE_SYNC_BACKOFF", "200ms");
        env.put("STAGEGATE_SYNC_MAX_BACKOFF", "2s");
        env.putAll(settings.serviceEnv());
        return env;
    }

    // --- the database --------------------------------------------------------------------------------------------

    /** One value of a query on the sync tables; {@code null} while the database is unreachable (it may be restarting). */
    Long count(String sql) {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException unreachable) {
            return null;
        }
    }

    /** Rows of a query as maps by column label (the database must be up). */
    List<Map<String, Object>> rows(String sql) {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<Map<String, Object>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Record updates by Stagegate that the CRM applied and the outbox does not show as written yet: their outcome is in flight. */
    long landedNotRecorded() {
        // the CRM first, then the outbox: a batch recorded in between lowers the difference, never raises it
        long landed = sandbox.stats().path("writesByClient").path(CLIENT).path("updates").asLong();
        Long written = count("SELECT count(*) FROM outbox WHERE status = 'WRITTEN'");
        return written == null ? 0 : landed - written;
    }

    long outboxOpen() {
        Long open = count("SELECT count(*) FROM outbox WHERE status IN ('PENDING', 'SENDING')");
        return open == null ? -1 : open;
    }

    // --- waiting -------------------------------------------------------------------------------------------------

    /**
     * Waits until the sync has caught up with the org and written everything: nothing pending or in flight in the
     * outbox, and the engine has processed the newest version of the newest record (our own writes included).
     */
    Duration awaitDrained(Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        int checks = 0;
        while (System.nanoTime() < deadline) {
            Long open = count("SELECT count(*) FROM outbox WHERE status IN ('PENDING', 'SENDING')");
            Long seen = count("SELECT count(*) FROM opportunity_state");
            Long newest = count("SELECT coalesce(extract(epoch FROM max(modified_at)), 0)::bigint FROM opportunity_state");
            long crmNewest = newestInCrm().getEpochSecond();
            if (open != null && open == 0 && seen != null && seen >= settings.size() && newest != null && newest >= crmNewest) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            if (++checks % 20 == 0) {
                System.out.printf("  %s still draining after %d s: outbox %s, engine has seen %s records up to %s s, the CRM's newest is %d s%n",
                        settings.name(), (System.nanoTime() - started) / 1_000_000_000L,
                        safeRows("SELECT status, count(*) AS n, min(next_attempt_at) AS due FROM outbox WHERE status NOT IN ('WRITTEN', 'SUPERSEDED') "
                                + "GROUP BY status"), seen, newest, crmNewest);
            }
            PackagedApp.sleep(500);
        }
        throw new AssertionError(settings.name() + ": the sync did not drain within " + timeout + "; outbox by status "
                + safeRows("SELECT status, count(*) AS n FROM outbox GROUP BY status") + "; last log lines of the services:\n" + serviceTails());
    }

    private Instant newestInCrm() {
        return Instant.parse(sandbox.query("SELECT SystemModstamp FROM Opportunity ORDER BY SystemModstamp DESC LIMIT 1").get(0)
                .get("SystemModstamp").asText().replace("+0000", "Z"));
    }

    private String safeRows(String sql) {
        try {
            return rows(sql).toString();
        } catch (RuntimeException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    String serviceTails() {
        StringBuilder tails = new StringBuilder();
        for (PackagedApp service : services) {
            tails.append("--- ").append(service.name()).append('\n').append(service.tail(15)).append('\n');
        }
        return tails.toString();
    }

    // --- judging -------------------------------------------------------------------------------------------------

    /** What the CRM holds in the end, judged against the engine's decisions and a fresh evaluation. */
    record Verdict(int records, List<String> differFromDecisions, List<String> differFromFreshEvaluation, List<String> notYetSeenByEngine,
            List<String> writtenMoreOftenThanDesiredValuesChanged, Map<String, Map<String, Object>> outputs, JsonNode stats,
            Map<String, Long> writesPerRecord) {

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            problems.addAll(differFromDecisions);
            problems.addAll(differFromFreshEvaluation);
            problems.addAll(notYetSeenByEngine);
            problems.addAll(writtenMoreOftenThanDesiredValuesChanged);
            return problems;
        }

        long updates() {
            return stats.path("writesByClient").path(CLIENT).path("updates").asLong();
        }

        long recordsWritten() {
            return stats.path("writesByClient").path(CLIENT).path("records").asLong();
        }

        long unchangedWrites() {
            return stats.path("writesByClient").path(CLIENT).path("unchanged").asLong();
        }

        long maxWritesPerRecord() {
            return writesPerRecord.values().stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    /** Judges the end state; retries for a few seconds while the engine is still reading back its last writes. */
    Verdict awaitVerdict() {
        Verdict verdict = verdict();
        for (int attempt = 1; attempt < 10 && !verdict.problems().isEmpty(); attempt++) {
            PackagedApp.sleep(1000);
            verdict = verdict();
        }
        return verdict;
    }

    Verdict verdict() {
        JsonNode stats = sandbox.stats();
        Map<String, Long> perRecord = sandbox.writesPerRecord(CLIENT);
        List<JsonNode> records = sandbox.query(soql());
        Map<String, Map<String, Object>> decided = new HashMap<>();
        Map<String, Instant> modified = new HashMap<>();
        String states = "SELECT opportunity_id, desired_outputs::text AS d, modified_at FROM opportunity_state WHERE status <> 'DELETED'";
        for (Map<String, Object> row : rows(states)) {
            decided.put((String) row.get("opportunity_id"), OutputValues.fromJson((String) row.get("d")));
            modified.put((String) row.get("opportunity_id"), ((Timestamp) row.get("modified_at")).toInstant());
        }
        Map<String, Map<String, Object>> fresh = freshEvaluation(records);
        Map<String, Integer> changes = desiredValueChanges();
        List<String> differFromDecisions = new ArrayList<>();
        List<String> differFromFresh = new ArrayList<>();
        List<String> unseen = new ArrayList<>();
        List<String> tooOften = new ArrayList<>();
        Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
        for (JsonNode record : records) {
            String id = record.get("Id").asText();
            Map<String, Object> fields = OutputValues.fromJson(record.toString());
            Map<String, Object> held = OutputValues.held(fields, outputNames);
            outputs.put(id, held);
            Instant stamp = Instant.parse(record.get("SystemModstamp").asText().replace("+0000", "Z"));
            if (!stamp.equals(modified.get(id))) {
                unseen.add(id + ": the engine last processed the version of " + modified.get(id) + ", the CRM holds one of " + stamp);
            }
            Map<String, Object> wanted = decided.get(id);
            if (wanted == null || !OutputValues.same(wanted, held)) {
                differFromDecisions.add(id + " " + diff(wanted, held));
            }
            Map<String, Object> evaluated = new LinkedHashMap<>(fresh.get(id));
            evaluated.keySet().removeAll(FROZEN);
            if (!OutputValues.same(evaluated, held)) {
                differFromFresh.add(id + " (fresh evaluation) " + diff(evaluated, held));
            }
            long writes = perRecord.getOrDefault(id, 0L);
            if (writes > changes.getOrDefault(id, 0)) {
                tooOften.add(id + ": written " + writes + " times, its desired values changed " + changes.getOrDefault(id, 0) + " times"
                        + explainWrites(id));
            }
        }
        return new Verdict(records.size(), differFromDecisions, differFromFresh, unseen, tooOften, outputs, stats, perRecord);
    }

    /** What the sandbox saw written to one record and what the outbox and the state row say of it, for a failure message. */
    private String explainWrites(String id) {
        String quoted = "'" + id.replace("'", "''") + "'";
        return "\n    sandbox: " + sandbox.writeTrail(CLIENT, id)
                + "\n    outbox: " + safeRows("SELECT id, status, attempts, in_doubt, claimed_by, error_code, created_at, updated_at, written_at, outputs::text "
                + "FROM outbox WHERE opportunity_id = " + quoted + " ORDER BY id")
                + "\n    state: " + safeRows("SELECT modified_at, read_at, written_at, written_outputs::text, desired_outputs::text FROM opportunity_state "
                + "WHERE opportunity_id = " + quoted);
    }

    private static String diff(Map<String, Object> wanted, Map<String, Object> held) {
        if (wanted == null) {
            return "never processed by the engine";
        }
        StringBuilder text = new StringBuilder();
        wanted.forEach((field, value) -> {
            Object actual = OutputValues.held(held, List.of(field)).get(field);
            if (!OutputValues.sameValue(value, actual)) {
                text.append(field).append(": wanted ").append(value).append(", CRM holds ").append(actual).append("; ");
            }
        });
        return text.toString();
    }

    /**
     * How often the values the engine wanted written changed, per opportunity: the outbox rows that were sent (written,
     * or sent and then superseded, e.g. in flight when the database went away and later found applied), in order, each
     * counted when its values differ from the previous one's.
     */
    private Map<String, Integer> desiredValueChanges() {
        Map<String, Integer> changes = new HashMap<>();
        Map<String, Map<String, Object>> previous = new HashMap<>();
        for (Map<String, Object> row : rows("SELECT opportunity_id, outputs::text AS o FROM outbox WHERE status = 'WRITTEN' "
                + "OR (status = 'SUPERSEDED' AND attempts > 0) ORDER BY opportunity_id, id")) {
            String id = (String) row.get("opportunity_id");
            Map<String, Object> values = OutputValues.fromJson((String) row.get("o"));
            Map<String, Object> before = previous.put(id, values);
            if (before == null || !OutputValues.same(values, before) || !OutputValues.same(before, values)) {
                changes.merge(id, 1, Integer::sum);
            }
        }
        return changes;
    }

    /** The org's records as an ordinary client reads them: every field the playbook reads, our output fields, the stamp. */
    private static String soql() {
        Set<String> fields = new LinkedHashSet<>(List.of("Id", "StageName", "Amount", "CurrencyIsoCode", "CloseDate", "OwnerId", "LastStageChangeDate",
                "SystemModstamp"));
        fields.addAll(new TreeSet<>(PLAYBOOK.criteriaFields()));
        for (OutputField field : OutputField.values()) {
            fields.add(PLAYBOOK.outputField(field));
        }
        StringBuilder soql = new StringBuilder("SELECT ").append(String.join(", ", fields));
        for (String relation : PLAYBOOK.criteriaRelations()) {
            soql.append(", (SELECT Id FROM ").append(relation).append(" WHERE IsDeleted = false)");
        }
        return soql.append(" FROM Opportunity ORDER BY Id").toString();
    }

    /** The write-back values of every record as the service's stateless {@code /api/evaluate} computes them today. */
    private Map<String, Map<String, Object>> freshEvaluation(List<JsonNode> records) {
        SandboxHttp api = new SandboxHttp(aliveService().url(""));
        Map<String, Map<String, Object>> values = new HashMap<>();
        for (int from = 0; from < records.size(); from += 2000) {
            ArrayNode batch = SandboxHttp.JSON.createArrayNode();
            for (JsonNode record : records.subList(from, Math.min(records.size(), from + 2000))) {
                batch.add(asEvaluationInput(record));
            }
            ObjectNode body = SandboxHttp.JSON.createObjectNode();
            body.set("opportunities", batch);
            for (JsonNode evaluation : api.post("/api/evaluate", body.toString()).get("evaluations")) {
                Map<String, Object> writeback = OutputValues.fromJson(evaluation.get("writeback").toString());
                Map<String, Object> complete = new LinkedHashMap<>();
                outputNames.forEach(name -> complete.put(name, writeback.get(name)));
                values.put(evaluation.get("id").asText(), complete);
            }
        }
        return values;
    }

    private static ObjectNode asEvaluationInput(JsonNode record) {
        ObjectNode input = SandboxHttp.JSON.createObjectNode();
        input.set("id", record.get("Id"));
        input.set("stage", record.get("StageName"));
        input.set("amount", record.get("Amount"));
        input.set("currency", record.get("CurrencyIsoCode"));
        input.set("closeDate", record.get("CloseDate"));
        input.set("owner", record.get("OwnerId"));
        if (record.hasNonNull("LastStageChangeDate")) {
            input.put("stageEnteredOn", record.get("LastStageChangeDate").asText().substring(0, 10));
        }
        ObjectNode fields = input.putObject("fields");
        PLAYBOOK.criteriaFields().forEach(field -> fields.set(field, record.get(field)));
        ObjectNode related = input.putObject("relatedCounts");
        PLAYBOOK.criteriaRelations().forEach(relation -> related.put(relation, record.path(relation).path("totalSize").asInt(0)));
        return input;
    }

    PackagedApp aliveService() {
        return services.stream().filter(PackagedApp::isAlive).findFirst().orElseThrow(() -> new IllegalStateException("no service is running"));
    }

    /**
     * Samples, a few times a second, which instance holds the Salesforce poll lock (the session advisory lock of
     * {@link PollLeadership}), by the application name its database session carries.
     */
    final class LeaderWatch implements AutoCloseable {
        private final List<String> holders = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile boolean running = true;
        private volatile int samples;

        LeaderWatch() {
            thread = new Thread(this::sample, settings.name() + "-leader-watch");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            String sql = "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid, "
                    + "(SELECT hashtextextended('" + PollLeadership.lockName(Crm.SALESFORCE) + "', 0) AS k) AS lock "
                    + "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
                    + "AND l.classid = ((lock.k >> 32) & 4294967295)::oid AND l.objid = (lock.k & 4294967295)::oid";
            while (running) {
                try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                    while (running) {
                        List<String> now = new ArrayList<>();
                        try (ResultSet rows = statement.executeQuery(sql)) {
                            while (rows.next()) {
                                now.add(rows.getString(1));
                            }
                        }
                        samples++;
                        if (now.size() > 1) {
                            holders.add("several at once: " + now);
                        } else if (now.size() == 1 && (holders.isEmpty() || !holders.get(holders.size() - 1).equals(now.get(0)))) {
                            holders.add(now.get(0));
                        }
                        PackagedApp.sleep(200);
                    }
                } catch (SQLException unreachable) {
                    PackagedApp.sleep(200);
                }
            }
        }

        /** The successive holders of the lock, one entry per change of holder. */
        List<String> holders() {
            synchronized (holders) {
                return List.copyOf(holders);
            }
        }

        int samples() {
            return samples;
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes relayed per instance ({@code outbox.claimed_by}, the instance's pid@host). */
    List<Map<String, Object>> writesByInstance() {
        return rows("SELECT claimed_by, count(*) AS written FROM outbox WHERE status = 'WRITTEN' GROUP BY claimed_by ORDER BY claimed_by");
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (PackagedApp app : services) {
            stopping.add(CompletableFuture.runAsync(app::stop));
        }
        stopping.add(CompletableFuture.runAsync(sandboxApp::stop));
        stopping.forEach(CompletableFuture::join);
        db.close();
    }
}
