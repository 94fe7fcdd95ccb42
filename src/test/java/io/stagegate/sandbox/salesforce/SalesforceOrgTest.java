package io.stagegate.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store behaves as Salesforce does on writes: derived fields, history, read-only fields, validation, stamps. */
class SalesforceOrgTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-15T12:00:00.700Z"));
    private SalesforceOrg org;
    private String alice;

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void seed() {
        org = new SalesforceOrg(TestDeals.PLAYBOOK, clock, "integration@stagegate.sandbox");
        org.seed(Stream.of(TestDeals.deal(0, "Qualification"), TestDeals.deal(1, "Needs Analysis"),
                TestDeals.deal(2, "Negotiation/Review", BigDecimal.valueOf(5000), "USD", Map.of(), Map.of("OpportunityLineItems", 2))));
        alice = org.userIdOfRep(TestDeals.ALICE.id()).orElseThrow();
    }

    private Map<String, Object> opportunity(int seq) {
        return org.opportunity(org.opportunityId(seq)).orElseThrow();
    }

    @Test
    void seedsDeterministicIdsDerivedFieldsHistoryAndContactRoles() {
        SalesforceOrg again = new SalesforceOrg(TestDeals.PLAYBOOK, clock, "integration@stagegate.sandbox");
        again.seed(Stream.of(TestDeals.deal(0, "Qualification"), TestDeals.deal(1, "Needs Analysis")));
        assertThat(again.opportunityIds()).containsExactlyElementsOf(org.opportunityIds().subList(0, 2));
        assertThat(org.opportunityId(0)).isEqualTo("006Dn0000000001IAA");

        Map<String, Object> deal = opportunity(1);
        assertThat(deal).containsEntry("StageName", "Needs Analysis").containsEntry("Probability", new BigDecimal("20"))
                .containsEntry("ForecastCategoryName", "Pipeline").containsEntry("ForecastCategory", "Pipeline")
                .containsEntry("IsClosed", false).containsEntry("IsWon", false).containsEntry("CurrencyIsoCode", "EUR")
                .containsEntry("OwnerId", alice).containsEntry("LastStageChangeDate", Instant.parse("2024-01-16T09:00:00Z"))
                .containsEntry("SystemModstamp", Instant.parse("2024-01-16T09:00:00Z"));
        assertThat(org.opportunityHistory(org.opportunityId(1))).extracting(row -> row.get("StageName"))
                .containsExactly("Prospecting", "Qualification", "Needs Analysis");
        assertThat(opportunity(2)).containsEntry("HasOpportunityLineItem", true);
    }

    @Test
    void aRepAddsContactRolesWithoutModifyingTheOpportunity() {
        String id = org.opportunityId(1);
        Object stamp = opportunity(1).get("SystemModstamp");
        assertThat(org.contactRoles(id)).hasSize(1);

        org.setContactRoles(id, 3, alice);

        List<Map<String, Object>> roles = org.contactRoles(id);
        assertThat(roles).hasSize(3);
        assertThat(roles).extracting(role -> role.get("IsPrimary")).containsExactly(true, false, false);
        assertThat(roles.get(2)).containsEntry("CreatedById", alice).containsEntry("CreatedDate", Instant.parse("2024-05-15T12:00:00Z"))
                .containsEntry("OpportunityId", id);
        assertThat(roles).extracting(role -> role.get("ContactId")).doesNotHaveDuplicates();
        assertThat(opportunity(1)).containsEntry("SystemModstamp", stamp);
        assertThat(org.recentChanges()).isEmpty();

        org.setContactRoles(id, 2, alice);
        assertThat(org.contactRoles(id)).hasSize(2).extracting(role -> role.get("Id")).containsExactly(roles.get(0).get("Id"), roles.get(1).get("Id"));
        Row removed = org.read(view -> view.byId((String) roles.get(2).get("Id")));
        assertThat(removed).as("deleted outright, not to the recycle bin").isNull();
        assertThatThrownBy(() -> org.setContactRoles(id, 1, "005000000000000AAA")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStageChangeDerivesProbabilityAndCategoryAndWritesOneHistoryRow() {
        org.update(org.opportunityId(0), Map.of("StageName", "Closed Won"), alice);
        Map<String, Object> deal = opportunity(0);
        Instant second = Instant.parse("2024-05-15T12:00:00Z");
        assertThat(deal).containsEntry("IsClosed", true).containsEntry("IsWon", true).containsEntry("Probability", new BigDecimal("100"))
                .containsEntry("ForecastCategoryName", "Closed").containsEntry("LastStageChangeDate", second)
                .containsEntry("SystemModstamp", second).containsEntry("LastModifiedDate", second).containsEntry("LastModifiedById", alice);
        List<Map<String, Object>> history = org.opportunityHistory(org.opportunityId(0));
        Map<String, Object> last = history.get(history.size() - 1);
        assertThat(history).hasSize(3);
        assertThat(last).containsEntry("StageName", "Closed Won").containsEntry("Probability", new BigDecimal("100"))
                .containsEntry("ForecastCategory", "Closed").containsEntry("CreatedDate", second).containsEntry("CreatedById", alice)
                .containsEntry("PrevAmount", deal.get("Amount"));
    }

    @Test
    void probabilityIsWritableAndAnExplicitOneWinsOverTheStageDefault() {
        org.update(org.opportunityId(0), Map.of("StageName", "Value Proposition", "Probability", 35), alice);
        assertThat(opportunity(0)).containsEntry("Probability", new BigDecimal("35")).containsEntry("ForecastCategoryName", "Best Case");
        org.update(org.opportunityId(0), Map.of("Probability", 40), alice);
        assertThat(org.opportunityHistory(org.opportunityId(0))).hasSize(4);
    }

    @Test
    void changesToAmountCloseDateAndProbabilityWriteHistoryButOtherFieldsDoNot() {
        String id = org.opportunityId(0);
        org.update(id, Map.of("Budget_Confirmed__c", true, "Next_Step_Date__c", "2024-06-01"), alice);
        assertThat(org.opportunityHistory(id)).hasSize(2);
        org.update(id, Map.of("CloseDate", LocalDate.of(2024, 9, 30)), alice);
        org.update(id, Map.of("Amount", 99), alice);
        List<Map<String, Object>> history = org.opportunityHistory(id);
        assertThat(history).hasSize(4);
        assertThat(history.get(3)).containsEntry("Amount", new BigDecimal("99.00")).containsEntry("PrevCloseDate", LocalDate.of(2024, 9, 30))
                .containsEntry("CloseDate", LocalDate.of(2024, 9, 30));
        assertThat(opportunity(0)).containsEntry("Budget_Confirmed__c", true).containsEntry("Next_Step_Date__c", LocalDate.of(2024, 6, 1))
                .containsEntry("ExpectedRevenue", new BigDecimal("9.90"));
    }

    @Test
    void readOnlyFieldsAreRefusedTogether() {
        assertThatThrownBy(() -> org.update(org.opportunityId(0), Map.of("IsWon", true, "SystemModstamp", "2024-01-01T00:00:00Z"), alice))
                .isInstanceOfSatisfying(SalesforceRecordException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
                    assertThat(e.fields()).containsExactlyInAnyOrder("IsWon", "SystemModstamp");
                    assertThat(e.getMessage()).startsWith("Unable to create/update fields: ");
                });
        for (String field : List.of("IsClosed", "ForecastCategoryName", "Id", "CreatedDate", "LastModifiedDate", "ExpectedRevenue",
                "HasOpportunityLineItem", "LastStageChangeDate")) {
            Map<String, Object> values = new HashMap<>();
            values.put(field, null);
            assertThatThrownBy(() -> org.update(org.opportunityId(0), values, alice)).as(field)
                    .isInstanceOfSatisfying(SalesforceRecordException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE"));
        }
    }

    @Test
    void badValuesGetSalesforcesErrorCodes() {
        String id = org.opportunityId(0);
        assertThat(code(id, Map.of("Foo__c", 1))).isEqualTo("INVALID_FIELD");
        assertThat(code(id, Map.of("Amount", "lots"))).isEqualTo("JSON_PARSER_ERROR");
        assertThat(code(id, Map.of("CloseDate", "next week"))).isEqualTo("JSON_PARSER_ERROR");
        assertThat(code(id, Map.of("Budget_Confirmed__c", "yes"))).isEqualTo("JSON_PARSER_ERROR");
        assertThat(code(id, Map.of("StageName", "Maybe Later"))).isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(code(id, Map.of("Qualified_Forecast_Category__c", "Hopeful"))).isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(code(id, Map.of("Name", "x".repeat(121)))).isEqualTo("STRING_TOO_LONG");
        assertThat(code(id, Map.of("Amount", new BigDecimal("1e20")))).isEqualTo("NUMBER_OUTSIDE_VALID_RANGE");
        assertThat(code(id, Map.of("Probability", 101))).isEqualTo("NUMBER_OUTSIDE_VALID_RANGE");
        assertThat(code(id, Map.of("OwnerId", "not-an-id"))).isEqualTo("MALFORMED_ID");
        assertThat(code(id, Map.of("OwnerId", SalesforceIds.of(SalesforceIds.USER, 77)))).isEqualTo("INVALID_CROSS_REFERENCE_KEY");
        assertThat(code(id, Map.of("RecordTypeId", SalesforceIds.of(SalesforceIds.RECORD_TYPE, 9)))).isEqualTo("INVALID_CROSS_REFERENCE_KEY");
        Map<String, Object> noStage = new HashMap<>();
        noStage.put("StageName", null);
        assertThat(code(id, noStage)).isEqualTo("REQUIRED_FIELD_MISSING");
        try {
            org.update(id, Map.of("StageName", "Maybe Later"), alice);
        } catch (SalesforceRecordException e) {
            assertThat(e.getMessage()).isEqualTo("Stage: bad value for restricted picklist field: Maybe Later");
            assertThat(e.fields()).containsExactly("StageName");
        }
        assertThat(opportunity(0)).containsEntry("StageName", "Qualification");
    }

    private String code(String id, Map<String, Object> values) {
        try {
            org.update(id, values, alice);
        } catch (SalesforceRecordException e) {
            return e.errorCode();
        }
        return "no error";
    }

    @Test
    void amountIsIgnoredSilentlyWhenTheOpportunityHasLineItems() {
        org.update(org.opportunityId(2), Map.of("Amount", 1, "Name", "Renamed"), alice);
        assertThat(opportunity(2)).containsEntry("Amount", new BigDecimal("5000.00")).containsEntry("Name", "Renamed");
        org.setHasLineItems(org.opportunityId(2), false);
        org.update(org.opportunityId(2), Map.of("Amount", 1), alice);
        assertThat(opportunity(2)).containsEntry("Amount", new BigDecimal("1.00"));
    }

    @Test
    void writingTheSameValuesStillMovesSystemModstampAtSecondGranularity() {
        Map<String, Object> before = opportunity(0);
        org.update(org.opportunityId(0), Map.of("StageName", before.get("StageName")), alice);
        Map<String, Object> after = opportunity(0);
        assertThat(after.get("SystemModstamp")).isEqualTo(Instant.parse("2024-05-15T12:00:00Z"));
        assertThat(org.opportunityHistory(org.opportunityId(0))).hasSize(2);
        clock.advance(Duration.ofMillis(200));
        org.update(org.opportunityId(1), Map.of("Name", "Same second"), alice);
        assertThat(opportunity(1).get("SystemModstamp")).isEqualTo(after.get("SystemModstamp"));
    }

    @Test
    void testHooksCommitLateAndShareOneSystemModstamp() {
        Instant stamp = Instant.parse("2024-05-15T11:50:00.123Z");
        org.lateCommit(org.opportunityId(0), Map.of("StageName", "Needs Analysis"), alice, stamp);
        assertThat(opportunity(0)).containsEntry("SystemModstamp", Instant.parse("2024-05-15T11:50:00Z"))
                .containsEntry("LastModifiedDate", Instant.parse("2024-05-15T11:50:00Z"));
        List<Map<String, Object>> history = org.opportunityHistory(org.opportunityId(0));
        assertThat(history.get(history.size() - 1)).containsEntry("CreatedDate", Instant.parse("2024-05-15T11:50:00Z"));

        Instant shared = Instant.parse("2024-05-01T00:00:00Z");
        org.setSystemModstamp(org.opportunityIds(), shared);
        assertThat(org.opportunityIds()).allSatisfy(id -> assertThat(org.opportunity(id).orElseThrow()).containsEntry("SystemModstamp", shared));
        assertThat(opportunity(0)).containsEntry("LastModifiedDate", Instant.parse("2024-05-15T11:50:00Z"));
    }

    @Test
    void deletedOpportunitiesStayVisibleAsDeletedAndRefuseWrites() {
        org.delete(org.opportunityId(1), alice);
        assertThat(opportunity(1)).containsEntry("IsDeleted", true);
        assertThat(org.opportunityIds()).doesNotContain(org.opportunityId(1));
        assertThat(code(org.opportunityId(1), Map.of("Name", "x"))).isEqualTo("ENTITY_IS_DELETED");
        org.undelete(org.opportunityId(1), alice);
        assertThat(code(org.opportunityId(1), Map.of("Name", "x"))).isEqualTo("no error");
    }

    @Test
    void allOrNoneWritesNothingWhenOneRecordFails() {
        ObjectSchema opportunity = org.schema().require(SalesforceSchema.OPPORTUNITY);
        List<Map.Entry<String, Map<FieldDef, Object>>> records = new ArrayList<>();
        records.add(new AbstractMap.SimpleEntry<>(org.opportunityId(0), FieldValues.resolve(opportunity, Map.of("Name", "First"))));
        records.add(new AbstractMap.SimpleEntry<>(org.opportunityId(1), FieldValues.resolve(opportunity, Map.of("StageName", "Nope"))));
        records.add(new AbstractMap.SimpleEntry<>(SalesforceIds.of(SalesforceIds.OPPORTUNITY, 999), FieldValues.resolve(opportunity, Map.of("Name", "x"))));
        List<SaveResult> results = org.updateAll(records, true, alice, null);
        assertThat(results).extracting(result -> result.errors().get(0).statusCode()).containsExactly("ALL_OR_NONE_OPERATION_ROLLED_BACK",
                "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "INVALID_CROSS_REFERENCE_KEY");
        assertThat(opportunity(0)).containsEntry("Name", "Deal 0");

        List<SaveResult> partial = org.updateAll(records, false, alice, null);
        assertThat(partial.get(0).success()).isTrue();
        assertThat(partial.get(0).id()).isEqualTo(org.opportunityId(0));
        assertThat(partial.get(1).success()).isFalse();
        assertThat(opportunity(0)).containsEntry("Name", "First");
    }

    @Test
    void changesCarryTheWritersClientAndOnlyTheChangedFields() {
        List<OpportunityChange> heard = new ArrayList<>();
        org.addChangeListener(heard::add);
        ObjectSchema opportunity = org.schema().require(SalesforceSchema.OPPORTUNITY);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Qualified_Forecast__c", 93750.0);
        values.put("Name", "Deal 0");
        org.updateAll(List.of(new AbstractMap.SimpleEntry<>(org.opportunityId(0), FieldValues.resolve(opportunity, values))), false,
                org.integrationUserId(), "Stagegate");
        org.update(org.opportunityId(1), Map.of("StageName", "Closed Lost"), alice);
        assertThat(heard).hasSize(2);
        assertThat(heard.get(0).client()).isEqualTo("Stagegate");
        assertThat(heard.get(0).actorUserId()).isEqualTo(org.integrationUserId());
        assertThat(heard.get(0).values()).containsOnlyKeys("Qualified_Forecast__c");
        assertThat(heard.get(1).client()).isNull();
        assertThat(heard.get(1).values()).containsKeys("StageName", "Probability", "IsClosed", "ForecastCategoryName", "LastStageChangeDate");
        assertThat(org.recentChanges()).hasSize(2);
        assertThat(opportunity(0)).containsEntry("LastModifiedById", org.integrationUserId());
    }

    @Test
    void refusesDealsTheOrgCannotHold() {
        assertThatThrownBy(() -> org.insert(TestDeals.deal(0, "Qualification"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> org.insert(TestDeals.deal(9, "Retired Stage"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Retired Stage");
        assertThatThrownBy(() -> org.update(org.opportunityId(0), Map.of("Name", "x"), "005000000000000AAA"))
                .isInstanceOf(IllegalArgumentException.class);
        String inserted = org.insert(TestDeals.deal(9, "Prospecting"));
        assertThat(inserted).isEqualTo(org.opportunityId(9));
        assertThat(org.recentChanges()).extracting(OpportunityChange::kind).containsExactly(OpportunityChange.Kind.CREATE);
    }
}
