package io.stagegate.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** sObject create and the create collection over HTTP: 201 / per-record results, required fields, defaults, history and changes. */
@QuarkusTest
@TestProfile(SalesforceSandboxProfile.class)
class SalesforceCreateResourceTest {
    private static final String CREATE = SalesforceApi.DATA + "/sobjects/Opportunity";
    private static final String COLLECTION = SalesforceApi.DATA + "/composite/sobjects";

    @Inject
    SalesforceOrg org;

    private String token;

    @BeforeEach
    void seed() {
        org.seed(TestDeals.many(10));
        token = SalesforceApi.token();
    }

    private JsonPath query(String soql) {
        return SalesforceApi.as(token).queryParam("q", soql).get(SalesforceApi.DATA + "/query").then().statusCode(200).extract().jsonPath();
    }

    private static String record(String fields) {
        return "{\"attributes\":{\"type\":\"Opportunity\"}," + fields + "}";
    }

    @Test
    void createAnswers201WithTheIdAndTheRecordIsQueryableWithSalesforceDefaults() {
        Instant before = Instant.now().minusSeconds(1);
        String id = SalesforceApi.as(token).contentType("application/json")
                .body("{\"Name\":\"New deal\",\"StageName\":\"Needs Analysis\",\"CloseDate\":\"2026-12-31\",\"Amount\":25000,\"Budget_Confirmed__c\":true}")
                .post(CREATE).then().statusCode(201)
                .body("success", equalTo(true)).body("errors.size()", equalTo(0)).body("id", matchesPattern("006[A-Za-z0-9]{15}"))
                .extract().path("id");

        assertThat(id).isNotIn(org.opportunityIds().subList(0, 10)).isGreaterThan(org.opportunityId(9));
        JsonPath created = query("SELECT Id, Name, StageName, Probability, ForecastCategoryName, IsClosed, IsWon, Amount, ExpectedRevenue, CloseDate, "
                + "CurrencyIsoCode, OwnerId, CreatedById, RecordType.DeveloperName, Budget_Confirmed__c, Stage_Skip__c, SystemModstamp FROM Opportunity "
                + "WHERE Id = '" + id + "'");
        assertThat(created.getInt("totalSize")).isEqualTo(1);
        assertThat(created.getString("records[0].StageName")).isEqualTo("Needs Analysis");
        assertThat(created.getDouble("records[0].Probability")).isEqualTo(20.0);
        assertThat(created.getString("records[0].ForecastCategoryName")).isEqualTo("Pipeline");
        assertThat(created.getBoolean("records[0].IsClosed")).isFalse();
        assertThat(created.getDouble("records[0].ExpectedRevenue")).isEqualTo(5000.0);
        assertThat(created.getString("records[0].CloseDate")).isEqualTo("2026-12-31");
        assertThat(created.getString("records[0].CurrencyIsoCode")).isEqualTo("USD");
        assertThat(created.getString("records[0].OwnerId")).isEqualTo(org.integrationUserId());
        assertThat(created.getString("records[0].CreatedById")).isEqualTo(org.integrationUserId());
        assertThat(created.getString("records[0].RecordType.DeveloperName")).isEqualTo("New_Business");
        assertThat(created.getBoolean("records[0].Budget_Confirmed__c")).isTrue();
        assertThat(created.getBoolean("records[0].Stage_Skip__c")).isFalse();
        Instant stamp = Instant.from(FieldValues.DATETIME.parse(created.getString("records[0].SystemModstamp")));
        assertThat(stamp).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(stamp.getNano()).isZero();

        JsonPath history = query("SELECT StageName, Amount, Probability, PrevAmount FROM OpportunityHistory WHERE OpportunityId = '" + id + "'");
        assertThat(history.getList("records.StageName")).containsExactly("Needs Analysis");
        assertThat(history.getDouble("records[0].Amount")).isEqualTo(25000.0);
        assertThat(history.getString("records[0].PrevAmount")).isNull();
    }

    @Test
    void aCreateIsPublishedAsACreateChangeWithTheWritersClient() {
        String id = SalesforceApi.as(token).header("Sforce-Call-Options", "client=Importer").contentType("application/json")
                .body("{\"Name\":\"Pushed\",\"StageName\":\"Prospecting\",\"CloseDate\":\"2026-10-01\"}").post(CREATE).then().statusCode(201)
                .extract().path("id");

        List<OpportunityChange> changes = org.recentChanges();
        assertThat(changes).hasSize(1);
        OpportunityChange change = changes.get(0);
        assertThat(change.kind()).isEqualTo(OpportunityChange.Kind.CREATE);
        assertThat(change.opportunityId()).isEqualTo(id);
        assertThat(change.client()).isEqualTo("Importer");
        assertThat(change.values()).containsEntry("Name", "Pushed").containsEntry("StageName", "Prospecting")
                .containsEntry("CloseDate", LocalDate.of(2026, 10, 1)).containsKey("SystemModstamp");
    }

    @Test
    void everyMissingRequiredFieldIsNamedInOneError() {
        SalesforceApi.as(token).contentType("application/json").body("{\"Amount\":10}").post(CREATE).then().statusCode(400)
                .body("size()", equalTo(1))
                .body("[0].errorCode", equalTo("REQUIRED_FIELD_MISSING"))
                .body("[0].message", equalTo("Required fields are missing: [Name, StageName, CloseDate]"))
                .body("[0].fields", equalTo(List.of("Name", "StageName", "CloseDate")));
        SalesforceApi.as(token).contentType("application/json").body("{\"Name\":\"x\",\"StageName\":\"Prospecting\",\"CloseDate\":null}").post(CREATE)
                .then().statusCode(400).body("[0].errorCode", equalTo("REQUIRED_FIELD_MISSING"))
                .body("[0].message", equalTo("Required fields are missing: [CloseDate]")).body("[0].fields", equalTo(List.of("CloseDate")));
        assertThat(org.opportunityIds()).hasSize(10);
        assertThat(org.recentChanges()).isEmpty();
    }

    @Test
    void readOnlyFieldsAnIdAndBadValuesAreRefused() {
        String required = "\"Name\":\"x\",\"StageName\":\"Prospecting\",\"CloseDate\":\"2026-10-01\"";
        SalesforceApi.as(token).contentType("application/json").body("{" + required + ",\"IsWon\":true,\"SystemModstamp\":\"2026-01-01T00:00:00Z\"}")
                .post(CREATE).then().statusCode(400).body("[0].errorCode", equalTo("INVALID_FIELD_FOR_INSERT_UPDATE"))
                .body("[0].fields", equalTo(List.of("IsWon", "SystemModstamp")));
        SalesforceApi.as(token).contentType("application/json").body("{" + required + ",\"Id\":\"" + org.opportunityId(1) + "\"}")
                .post(CREATE).then().statusCode(400).body("[0].errorCode", equalTo("INVALID_FIELD_FOR_INSERT_UPDATE"))
                .body("[0].message", equalTo("cannot specify Id in an insert call")).body("[0].fields", equalTo(List.of("Id")));
        SalesforceApi.as(token).contentType("application/json").body("{\"Name\":\"x\",\"StageName\":\"Maybe\",\"CloseDate\":\"2026-10-01\"}")
                .post(CREATE).then().statusCode(400).body("[0].errorCode", equalTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"));
        SalesforceApi.as(token).contentType("application/json").body("{" + required + ",\"Nope__c\":1}").post(CREATE).then().statusCode(400)
                .body("[0].errorCode", equalTo("INVALID_FIELD"));
        SalesforceApi.as(token).contentType("application/json").body("{\"MasterLabel\":\"x\"}").post(SalesforceApi.DATA + "/sobjects/OpportunityStage")
                .then().statusCode(405);
        assertThat(org.opportunityIds()).hasSize(10);
    }

    @Test
    void theCreateCollectionReportsEachRecordInOrderWithIdsOnlyForTheCreatedOnes() {
        String body = "{\"allOrNone\":false,\"records\":["
                + record("\"Name\":\"One\",\"StageName\":\"Qualification\",\"CloseDate\":\"2026-11-01\",\"Amount\":100")
                + "," + record("\"Name\":\"Two\",\"CloseDate\":\"2026-11-01\"")
                + ",{\"Name\":\"Three\",\"StageName\":\"Qualification\",\"CloseDate\":\"2026-11-01\"}"
                + ",{\"attributes\":{\"type\":\"OpportunityStage\"},\"MasterLabel\":\"x\"}"
                + "," + record("\"id\":\"" + org.opportunityId(2) + "\",\"Name\":\"Five\",\"StageName\":\"Qualification\",\"CloseDate\":\"2026-11-01\"")
                + "," + record("\"Name\":\"Six\",\"StageName\":\"Closed Won\",\"CloseDate\":\"2026-11-01\",\"CurrencyIsoCode\":\"EUR\"") + "]}";

        JsonPath results = SalesforceApi.as(token).contentType("application/json").body(body).post(COLLECTION).then().statusCode(200)
                .body("size()", equalTo(6))
                .body("[0].success", equalTo(true)).body("[0].errors.size()", equalTo(0))
                .body("[1].success", equalTo(false)).body("[1]", not(hasKey("id")))
                .body("[1].errors[0].statusCode", equalTo("REQUIRED_FIELD_MISSING")).body("[1].errors[0].fields", equalTo(List.of("StageName")))
                .body("[2].errors[0].statusCode", equalTo("INVALID_TYPE"))
                .body("[3].errors[0].statusCode", equalTo("INVALID_TYPE_FOR_OPERATION"))
                .body("[3].errors[0].message", equalTo("entity type OpportunityStage does not support insert"))
                .body("[4].errors[0].statusCode", equalTo("INVALID_FIELD_FOR_INSERT_UPDATE"))
                .body("[5].success", equalTo(true))
                .extract().jsonPath();

        String one = results.getString("[0].id");
        String six = results.getString("[5].id");
        assertThat(one).isNotEqualTo(six);
        assertThat(org.opportunity(one).orElseThrow()).containsEntry("Name", "One").containsEntry("Amount", new BigDecimal("100.00"));
        assertThat(org.opportunity(six).orElseThrow()).containsEntry("IsWon", true).containsEntry("IsClosed", true).containsEntry("CurrencyIsoCode", "EUR")
                .containsEntry("ForecastCategoryName", "Closed");
        assertThat(org.opportunityIds()).hasSize(12).endsWith(one, six);
        assertThat(org.recentChanges()).extracting(OpportunityChange::kind).containsExactly(OpportunityChange.Kind.CREATE, OpportunityChange.Kind.CREATE);
        assertThat(query("SELECT Id FROM OpportunityHistory WHERE OpportunityId IN ('" + one + "', '" + six + "')").getInt("totalSize")).isEqualTo(2);
    }

    @Test
    void allOrNoneCreatesNothingWhenOneRecordFails() {
        String body = "{\"allOrNone\":true,\"records\":["
                + record("\"Name\":\"One\",\"StageName\":\"Qualification\",\"CloseDate\":\"2026-11-01\"")
                + "," + record("\"Name\":\"Two\",\"StageName\":\"Nope\",\"CloseDate\":\"2026-11-01\"") + "]}";
        SalesforceApi.as(token).contentType("application/json").body(body).post(COLLECTION).then().statusCode(200)
                .body("[0].success", equalTo(false)).body("[0].errors[0].statusCode", equalTo("ALL_OR_NONE_OPERATION_ROLLED_BACK"))
                .body("[1].errors[0].statusCode", equalTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"));
        assertThat(org.opportunityIds()).hasSize(10);
        assertThat(org.recentChanges()).isEmpty();
    }

    @Test
    void aCreateCollectionHoldsAtMost200Records() {
        SalesforceApi.as(token).contentType("application/json").body("{\"records\":[" + records(201) + "]}").post(COLLECTION).then().statusCode(400)
                .body("[0].errorCode", equalTo("EXCEEDED_ID_LIMIT"));
        SalesforceApi.as(token).contentType("application/json").body("{\"records\":[" + records(200) + "]}").post(COLLECTION).then().statusCode(200)
                .body("success", everyItem(equalTo(true)));
        assertThat(org.opportunityIds()).hasSize(210).doesNotHaveDuplicates();
    }

    private static String records(int count) {
        return IntStream.range(0, count).mapToObj(i -> record("\"Name\":\"N" + i + "\",\"StageName\":\"Prospecting\",\"CloseDate\":\"2026-11-01\""))
                .collect(Collectors.joining(","));
    }
}
