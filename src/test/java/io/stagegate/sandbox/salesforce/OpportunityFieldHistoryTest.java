package io.stagegate.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagegate.criteria.Playbook;
import io.stagegate.playbook.PlaybookLoader;
import io.stagegate.sandbox.org.DealState;
import io.stagegate.sandbox.org.OrgGenerator;
import io.stagegate.sandbox.org.PastChange;
import io.stagegate.sandbox.org.SyntheticDeal;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpportunityFieldHistory and OpportunityHistory of a generated org: replaying the org's own rows backwards from today
 * rebuilds every deal exactly as the generator says it stood on each quarter's first day; writes append rows for
 * tracked fields only; the history limits (20 tracked fields, 24 months, OldValue/NewValue not filterable) hold.
 */
class OpportunityFieldHistoryTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    private static final Playbook PLAYBOOK = PlaybookLoader.fromClasspath("playbooks/default-salesforce.yaml");
    private static final List<Instant> QUARTER_STARTS = List.of(Instant.parse("2025-10-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z"));

    private OrgGenerator generator;
    private SalesforceOrg org;

    @BeforeEach
    void seed() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        generator = new OrgGenerator(PLAYBOOK, 42, 400, clock);
        org = new SalesforceOrg(PLAYBOOK, clock, "integration@stagegate.sandbox");
        org.seed(generator.deals());
    }

    private List<Map<String, Object>> query(String soql) {
        CompiledQuery query = SoqlCompiler.compile(soql, org.schema(), LocalDate.ofInstant(NOW, ZoneOffset.UTC));
        return org.read(view -> {
            List<Map<String, Object>> records = new ArrayList<>();
            for (Row row : query.run(view, false)) {
                records.add(query.project(row, view, false, "v62.0"));
            }
            return records;
        });
    }

    private static Instant instant(Object datetime) {
        return java.time.OffsetDateTime.parse((String) datetime, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
    }

    /** A JSON value as the generator types it, for comparison. */
    private static Object comparable(Object value) {
        if (value instanceof Number) {
            return new BigDecimal(value.toString()).stripTrailingZeros();
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).stripTrailingZeros();
        }
        return value instanceof LocalDate ? value.toString() : value;
    }

    @Test
    void replayingTheFieldHistoryRebuildsEachDealAsTheGeneratorSaysItStoodOnEachQuarterStart() {
        List<String> tracked = org.schema().trackedFields();
        Map<String, List<Map<String, Object>>> rowsByDeal = query("SELECT OpportunityId, Field, OldValue, NewValue, CreatedDate FROM OpportunityFieldHistory "
                + "ORDER BY CreatedDate DESC, Id DESC").stream().collect(Collectors.groupingBy(row -> (String) row.get("OpportunityId")));
        int compared = 0;
        int changed = 0;
        for (SyntheticDeal deal : generator.deals().collect(Collectors.toList())) {
            String id = org.opportunityId(deal.seq());
            Map<String, Object> now = org.opportunity(id).orElseThrow();
            for (Instant start : QUARTER_STARTS) {
                DealState expected = DealState.asOf(deal, start.minusSeconds(1));
                if (expected == null) {
                    continue;
                }
                Map<String, Object> values = new HashMap<>();
                tracked.forEach(field -> values.put(field, comparable(FieldValues.toJson(org.schema().require("Opportunity").require(field), now.get(field)))));
                for (Map<String, Object> row : rowsByDeal.getOrDefault(id, List.of())) {
                    if (instant(row.get("CreatedDate")).isBefore(start) || "created".equals(row.get("Field"))) {
                        continue;
                    }
                    values.put((String) row.get("Field"), comparable(row.get("OldValue")));
                    changed++;
                }
                assertThat(values.get("StageName")).as("stage of %s on %s", id, start).isEqualTo(expected.stage());
                assertThat(values.get("Amount")).as("amount of %s on %s", id, start).isEqualTo(comparable(expected.amount()));
                assertThat(values.get("CloseDate")).as("close date of %s on %s", id, start).isEqualTo(comparable(expected.closeDate()));
                for (String field : tracked.subList(3, tracked.size())) {
                    Object then = expected.fields().get(field);
                    if (then == null && org.schema().require("Opportunity").require(field).type() == FieldType.BOOLEAN) {
                        then = false;
                    }
                    assertThat(values.get(field)).as("%s of %s on %s", field, id, start).isEqualTo(comparable(then));
                }
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(600);
        assertThat(changed).isGreaterThan(1000);
    }

    @Test
    void opportunityHistoryRowsCarryTheAmountAndCloseDateOfTheirTime() {
        int revised = 0;
        for (SyntheticDeal deal : generator.deals().collect(Collectors.toList())) {
            List<Map<String, Object>> rows = org.opportunityHistory(org.opportunityId(deal.seq()));
            for (Map<String, Object> row : rows) {
                Instant at = (Instant) row.get("CreatedDate");
                DealState then = DealState.asOf(deal, at);
                assertThat(row.get("StageName")).isEqualTo(then.stage());
                assertThat(((BigDecimal) row.get("Amount")).compareTo(then.amount())).isZero();
                assertThat(row.get("CloseDate")).isEqualTo(then.closeDate());
            }
            long revisions = deal.past().stream().filter(change -> change.kind() != PastChange.Kind.FIELD).count();
            assertThat(rows).hasSize(deal.history().size() + (int) revisions);
            revised += revisions > 0 ? 1 : 0;
        }
        assertThat(revised).isGreaterThan(40);
    }

    @Test
    void writesAppendRowsForTrackedFieldsOnly() {
        String id = org.opportunityId(1);
        String rep = org.opportunity(id).map(values -> (String) values.get("OwnerId")).orElseThrow();
        int before = query("SELECT Id FROM OpportunityFieldHistory WHERE OpportunityId = '" + id + "'").size();
        org.update(id, Map.of("Amount", new BigDecimal("123456"), "Qualified_Forecast__c", new BigDecimal("5")), rep);
        List<Map<String, Object>> rows = query("SELECT Field, OldValue, NewValue, CreatedById, DataType FROM OpportunityFieldHistory WHERE OpportunityId = '"
                + id + "' AND CreatedDate = " + NOW.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("Field", "Amount").containsEntry("NewValue", 123456.0).containsEntry("CreatedById", rep)
                .containsEntry("DataType", "Currency");
        assertThat(query("SELECT Id FROM OpportunityFieldHistory WHERE OpportunityId = '" + id + "'")).hasSize(before + 1);
        assertThat(query("SELECT Id FROM OpportunityFieldHistory WHERE Field = 'Qualified_Forecast__c'")).isEmpty();
    }

    @Test
    void criteriaFieldsPastTheTwentyFieldCapHaveNoHistory() throws Exception {
        String yaml;
        try (var in = OpportunityFieldHistoryTest.class.getResourceAsStream("/playbooks/default-salesforce.yaml")) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        StringBuilder extra = new StringBuilder("criteria:\n");
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            extra.append("  extra_").append(i).append(":\n    label: Extra ").append(i).append("\n    question: Extra ").append(i)
                    .append("?\n    rule: { checkbox: Extra_").append(i).append("__c }\n");
            keys.add("extra_" + i);
        }
        String wide = yaml.replaceFirst("criteria:\n", extra.toString())
                .replaceFirst("exitCriteria: \\[discovery_meeting_scheduled\\]", "exitCriteria: [discovery_meeting_scheduled, " + String.join(", ", keys) + "]");
        Playbook playbook = PlaybookLoader.load("wide playbook", wide);
        SalesforceSchema schema = SalesforceSchema.of(playbook);
        List<String> criteria = new ArrayList<>(SalesforceSchema.criteriaFields(playbook).keySet());
        assertThat(criteria.size() + 3).isGreaterThan(SalesforceSchema.MAX_TRACKED_FIELDS);
        assertThat(schema.trackedFields()).hasSize(SalesforceSchema.MAX_TRACKED_FIELDS)
                .containsExactlyElementsOf(java.util.stream.Stream.concat(java.util.stream.Stream.of("StageName", "Amount", "CloseDate"),
                        criteria.stream().limit(SalesforceSchema.MAX_TRACKED_FIELDS - 3)).collect(Collectors.toList()));
        String untracked = criteria.get(criteria.size() - 1);
        assertThat(schema.tracked(untracked)).isFalse();
        SalesforceOrg wideOrg = new SalesforceOrg(playbook, Clock.fixed(NOW, ZoneOffset.UTC), "integration@stagegate.sandbox");
        wideOrg.seed(new OrgGenerator(playbook, 42, 50, Clock.fixed(NOW, ZoneOffset.UTC)).deals());
        String id = wideOrg.opportunityId(3);
        String rep = wideOrg.opportunity(id).map(values -> (String) values.get("OwnerId")).orElseThrow();
        int before = wideOrg.opportunityFieldHistory(id).size();
        Object value = schema.require("Opportunity").require(untracked).type() == FieldType.BOOLEAN ? (Object) true : LocalDate.of(2026, 11, 20);
        wideOrg.update(id, Map.of(untracked, value), rep);
        assertThat(wideOrg.opportunityFieldHistory(id)).hasSize(before);
        assertThat(wideOrg.opportunity(id).orElseThrow()).containsEntry(untracked, value);
    }

    @Test
    void trackedFieldsAndTheLimitsOfFieldHistory() {
        List<String> tracked = org.schema().trackedFields();
        assertThat(tracked).startsWith("StageName", "Amount", "CloseDate").hasSizeLessThanOrEqualTo(SalesforceSchema.MAX_TRACKED_FIELDS)
                .doesNotContain("Qualified_Forecast__c");
        assertThat(org.schema().require("OpportunityFieldHistory").require("Field").picklist()).containsAll(tracked).contains("created");
        assertThatThrownBy(() -> query("SELECT Id FROM OpportunityFieldHistory WHERE NewValue = 'x'")).isInstanceOf(SoqlException.class)
                .hasMessageContaining("field 'NewValue' can not be filtered in a query call");
        assertThatThrownBy(() -> query("SELECT Id FROM OpportunityFieldHistory ORDER BY OldValue")).isInstanceOf(SoqlException.class)
                .hasMessageContaining("can not be sorted");
        Instant oldest = query("SELECT CreatedDate FROM OpportunityFieldHistory ORDER BY CreatedDate LIMIT 1").stream()
                .map(row -> instant(row.get("CreatedDate"))).findFirst().orElseThrow();
        assertThat(oldest).isAfterOrEqualTo(Instant.parse("2024-11-26T10:15:30Z"));
        long created = query("SELECT Id FROM OpportunityFieldHistory WHERE Field = 'created'").size();
        assertThat(created).isPositive().isLessThanOrEqualTo(400);
        // the child relationship Salesforce names Histories
        List<Map<String, Object>> withChildren = query("SELECT Id, (SELECT Field, NewValue FROM Histories) FROM Opportunity LIMIT 3");
        assertThat(withChildren).allSatisfy(record -> assertThat(record).containsKey("Histories"));
        assertThat(Objects.requireNonNull(withChildren)).hasSize(3);
    }
}
