package io.stagegate.sandbox.salesforce;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Single-record PATCH, sObject Collections and DELETE over HTTP, against the documented responses. */
@QuarkusTest
@TestProfile(SalesforceSandboxProfile.class)
class SalesforceWriteResourceTest {
    @Inject
    SalesforceOrg org;

    private String token;

    @BeforeEach
    void seed() {
        org.seed(Stream.concat(TestDeals.many(20),
                Stream.of(TestDeals.deal(20, "Proposal/Price Quote", BigDecimal.valueOf(5000), "USD", Map.of(), Map.of("OpportunityLineItems", 3)))));
        token = SalesforceApi.token();
    }

    private String record(int seq) {
        return SalesforceApi.DATA + "/sobjects/Opportunity/" + org.opportunityId(seq);
    }

    private JsonPath query(String soql) {
        return SalesforceApi.as(token).queryParam("q", soql).get(SalesforceApi.DATA + "/query").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void patchAnswers204WithoutBodyAndAStageChangeWritesHistory() {
        SalesforceApi.as(token).contentType("application/json").body("{\"StageName\":\"Negotiation/Review\",\"Qualified_Forecast__c\":93750.0}")
                .patch(record(1)).then().statusCode(204).body(emptyString()).header("Sforce-Limit-Info", startsWith("api-usage="));
        JsonPath deal = query("SELECT StageName, Probability, ForecastCategoryName, IsClosed, Qualified_Forecast__c, LastModifiedById FROM Opportunity "
                + "WHERE Id = '" + org.opportunityId(1) + "'");
        assertThat(deal.getString("records[0].StageName")).isEqualTo("Negotiation/Review");
        assertThat(deal.getDouble("records[0].Probability")).isEqualTo(90.0);
        assertThat(deal.getString("records[0].ForecastCategoryName")).isEqualTo("Commit");
        assertThat(deal.getDouble("records[0].Qualified_Forecast__c")).isEqualTo(93750.0);
        assertThat(deal.getString("records[0].LastModifiedById")).isEqualTo(org.integrationUserId());
        JsonPath history = query("SELECT StageName, Probability, CreatedDate FROM OpportunityHistory WHERE OpportunityId = '" + org.opportunityId(1)
                + "' ORDER BY CreatedDate DESC LIMIT 1");
        assertThat(history.getString("records[0].StageName")).isEqualTo("Negotiation/Review");
        assertThat(history.getDouble("records[0].Probability")).isEqualTo(90.0);
    }

    @Test
    void postWithHttpMethodOverrideIsAPatch() {
        SalesforceApi.as(token).contentType("application/json").queryParam("_HttpMethod", "PATCH").body("{\"Stage_Skip__c\":true}")
                .post(record(2)).then().statusCode(204);
        assertThat(org.opportunity(org.opportunityId(2)).orElseThrow()).containsEntry("Stage_Skip__c", true);
        SalesforceApi.as(token).contentType("application/json").body("{}").post(record(2)).then().statusCode(405)
                .body("[0].errorCode", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void readOnlyAndUnknownFieldsAndBadValuesAreRefusedWith400Arrays() {
        SalesforceApi.as(token).contentType("application/json").body("{\"IsWon\":true,\"IsClosed\":true}").patch(record(1))
                .then().statusCode(400).body("[0].errorCode", equalTo("INVALID_FIELD_FOR_INSERT_UPDATE"))
                .body("[0].fields", containsInAnyOrder("IsWon", "IsClosed"))
                .body("[0].message", startsWith("Unable to create/update fields: IsWon, IsClosed."));
        SalesforceApi.as(token).contentType("application/json").body("{\"Foo__c\":1}").patch(record(1))
                .then().statusCode(400).body("[0].errorCode", equalTo("INVALID_FIELD"))
                .body("[0].message", equalTo("No such column 'Foo__c' on sobject of type Opportunity"));
        SalesforceApi.as(token).contentType("application/json").body("{\"StageName\":\"Maybe\"}").patch(record(1))
                .then().statusCode(400).body("[0].errorCode", equalTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"))
                .body("[0].message", equalTo("Stage: bad value for restricted picklist field: Maybe")).body("[0].fields[0]", equalTo("StageName"));
        SalesforceApi.as(token).contentType("application/json").body("{\"Amount\":\"a lot\"}").patch(record(1))
                .then().statusCode(400).body("[0].errorCode", equalTo("JSON_PARSER_ERROR"));
        SalesforceApi.as(token).contentType("application/json").body("{\"Amount\": {\"value\": 1}}").patch(record(1))
                .then().statusCode(400).body("[0].errorCode", equalTo("JSON_PARSER_ERROR"));
        SalesforceApi.as(token).contentType("application/json").body("{\"Amount\": 12,").patch(record(1))
                .then().statusCode(400).body("[0].errorCode", equalTo("JSON_PARSER_ERROR"));
        assertThat(org.opportunity(org.opportunityId(1)).orElseThrow()).containsEntry("StageName", "Qualification");
    }

    @Test
    void everyProblemOfARecordIsReported() {
        SalesforceApi.as(token).contentType("application/json").body("{\"StageName\":\"Maybe\",\"Name\":\"" + "x".repeat(121) + "\"}")
                .patch(record(1)).then().statusCode(400).body("size()", equalTo(2))
                .body("errorCode", containsInAnyOrder("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "STRING_TOO_LONG"));
    }

    @Test
    void unknownMalformedAndDeletedRecords() {
        SalesforceApi.as(token).contentType("application/json").body("{\"Name\":\"x\"}")
                .patch(SalesforceApi.DATA + "/sobjects/Opportunity/" + SalesforceIds.of(SalesforceIds.OPPORTUNITY, 99_999))
                .then().statusCode(404).body("[0].errorCode", equalTo("NOT_FOUND"))
                .body("[0].message", equalTo("The requested resource does not exist"));
        SalesforceApi.as(token).contentType("application/json").body("{\"Name\":\"x\"}").patch(SalesforceApi.DATA + "/sobjects/Opportunity/abc")
                .then().statusCode(404).body("[0].errorCode", equalTo("NOT_FOUND"))
                .body("[0].message", equalTo("Provided external ID field does not exist or is not accessible: abc"));
        SalesforceApi.as(token).delete(record(3)).then().statusCode(204);
        SalesforceApi.as(token).contentType("application/json").body("{\"Name\":\"x\"}").patch(record(3))
                .then().statusCode(404).body("[0].errorCode", equalTo("ENTITY_IS_DELETED"));
        SalesforceApi.as(token).get(record(3)).then().statusCode(404).body("[0].errorCode", equalTo("ENTITY_IS_DELETED"));
        SalesforceApi.as(token).queryParam("q", "SELECT Id FROM Opportunity WHERE IsDeleted = true").get(SalesforceApi.DATA + "/queryAll")
                .then().statusCode(200).body("records.Id", containsInAnyOrder(org.opportunityId(3)));
    }

    @Test
    void amountIsSilentlyIgnoredWithLineItems() {
        SalesforceApi.as(token).contentType("application/json").body("{\"Amount\":1.0}").patch(record(20)).then().statusCode(204);
        assertThat(org.opportunity(org.opportunityId(20)).orElseThrow()).containsEntry("Amount", new BigDecimal("5000.00"));
    }

    @Test
    void readsOneRecordWithAllOrSomeFields() {
        SalesforceApi.as(token).get(record(4)).then().statusCode(200)
                .body("attributes.type", equalTo("Opportunity")).body("Id", equalTo(org.opportunityId(4)))
                .body("$", hasKey("Qualified_Stage__c")).body("$", hasKey("SystemModstamp"));
        SalesforceApi.as(token).queryParam("fields", "Name,StageName").get(record(4)).then().statusCode(200)
                .body("Name", equalTo("Deal 4")).body("$", not(hasKey("Amount")));
        SalesforceApi.as(token).queryParam("fields", "Name,Nope").get(record(4)).then().statusCode(400).body("[0].errorCode", equalTo("INVALID_FIELD"));
    }

    @Test
    void collectionsReportEachRecordInRequestOrderAndReturn200WithFailures() {
        String body = "{\"allOrNone\":false,\"records\":["
                + "{\"attributes\":{\"type\":\"Opportunity\"},\"id\":\"" + org.opportunityId(1) + "\",\"Stage_Skip__c\":true},"
                + "{\"attributes\":{\"type\":\"Opportunity\"},\"id\":\"" + org.opportunityId(2) + "\",\"StageName\":\"Nope\"},"
                + "{\"attributes\":{\"type\":\"Opportunity\"},\"Id\":\"" + org.opportunityId(3) + "\",\"Qualified_Forecast__c\":5.0},"
                + "{\"attributes\":{\"type\":\"Opportunity\"},\"Over_Staged__c\":true},"
                + "{\"id\":\"" + org.opportunityId(4) + "\",\"Over_Staged__c\":true},"
                + "{\"attributes\":{\"type\":\"Opportunity\"},\"id\":\"" + org.opportunityId(5) + "\",\"IsWon\":true}]}";
        SalesforceApi.as(token).contentType("application/json").body(body).patch(SalesforceApi.DATA + "/composite/sobjects")
                .then().statusCode(200)
                .body("size()", equalTo(6))
                .body("[0].id", equalTo(org.opportunityId(1))).body("[0].success", equalTo(true)).body("[0].errors.size()", equalTo(0))
                .body("[1].success", equalTo(false)).body("[1]", not(hasKey("id")))
                .body("[1].errors[0].statusCode", equalTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST")).body("[1].errors[0].fields[0]", equalTo("StageName"))
                .body("[2].id", equalTo(org.opportunityId(3))).body("[2].success", equalTo(true))
                .body("[3].errors[0].statusCode", equalTo("MISSING_ARGUMENT")).body("[3].errors[0].message", equalTo("Id not specified in an update call"))
                .body("[4].errors[0].statusCode", equalTo("INVALID_TYPE"))
                .body("[5].errors[0].statusCode", equalTo("INVALID_FIELD_FOR_INSERT_UPDATE"));
        assertThat(org.opportunity(org.opportunityId(1)).orElseThrow()).containsEntry("Stage_Skip__c", true);
        assertThat(org.opportunity(org.opportunityId(3)).orElseThrow()).containsEntry("Qualified_Forecast__c", new BigDecimal("5.00"));
    }

    @Test
    void allOrNoneRollsEverythingBack() {
        String body = "{\"allOrNone\":true,\"records\":["
                + "{\"attributes\":{\"type\":\"Opportunity\"},\"id\":\"" + org.opportunityId(1) + "\",\"Stage_Skip__c\":true},"
                + "{\"attributes\":{\"type\":\"Opportunity\"},\"id\":\"" + org.opportunityId(2) + "\",\"StageName\":\"Nope\"},"
                + "{\"attributes\":{\"type\":\"Opportunity\"},\"id\":\"" + org.opportunityId(3) + "\",\"Stage_Skip__c\":true}]}";
        SalesforceApi.as(token).contentType("application/json").body(body).patch(SalesforceApi.DATA + "/composite/sobjects")
                .then().statusCode(200)
                .body("[0].success", equalTo(false)).body("[0].errors[0].statusCode", equalTo("ALL_OR_NONE_OPERATION_ROLLED_BACK"))
                .body("[0].errors[0].message", equalTo("Record rolled back because not all records were valid and the request was using AllOrNone header"))
                .body("[1].errors[0].statusCode", equalTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"))
                .body("[2].errors[0].statusCode", equalTo("ALL_OR_NONE_OPERATION_ROLLED_BACK"));
        assertThat(org.opportunity(org.opportunityId(1)).orElseThrow()).containsEntry("Stage_Skip__c", false);
        assertThat(org.opportunity(org.opportunityId(3)).orElseThrow()).containsEntry("Stage_Skip__c", false);
    }

    @Test
    void malformedAndOversizedCollectionsAre400() {
        String records = IntStream.range(0, 201).mapToObj(i -> "{\"attributes\":{\"type\":\"Opportunity\"},\"id\":\"" + org.opportunityId(1)
                + "\",\"Over_Staged__c\":true}").collect(Collectors.joining(","));
        SalesforceApi.as(token).contentType("application/json").body("{\"records\":[" + records + "]}")
                .patch(SalesforceApi.DATA + "/composite/sobjects").then().statusCode(400)
                .body("[0].errorCode", equalTo("EXCEEDED_ID_LIMIT"))
                .body("[0].message", equalTo("record limit reached. cannot submit more than 200 records into this call"));
        SalesforceApi.as(token).contentType("application/json").body("[]").patch(SalesforceApi.DATA + "/composite/sobjects")
                .then().statusCode(400).body("[0].errorCode", equalTo("JSON_PARSER_ERROR"));
        SalesforceApi.as(token).contentType("application/json").body("{\"records\":[{\"attributes\":{\"type\":\"Opportunity\"},\"id\":\""
                + org.opportunityId(1) + "\",\"Unknown__c\":1}]}").patch(SalesforceApi.DATA + "/composite/sobjects")
                .then().statusCode(400).body("[0].errorCode", equalTo("INVALID_FIELD"));
        SalesforceApi.as(token).contentType("application/json").body("{\"records\":[{\"attributes\":{\"type\":\"Opportunity\"},\"id\":\""
                + org.opportunityId(1) + "\",\"CloseDate\":\"soon\"}]}").patch(SalesforceApi.DATA + "/composite/sobjects")
                .then().statusCode(400).body("[0].errorCode", equalTo("JSON_PARSER_ERROR"));
    }

    @Test
    void writesWithSforceCallOptionsCarryTheClientIntoTheChange() {
        String body = "{\"records\":[{\"attributes\":{\"type\":\"Opportunity\"},\"id\":\"" + org.opportunityId(6) + "\",\"Over_Staged__c\":true}]}";
        SalesforceApi.as(token).header("Sforce-Call-Options", "client=Stagegate, defaultNamespace=sg").contentType("application/json").body(body)
                .patch(SalesforceApi.DATA + "/composite/sobjects").then().statusCode(200).body("[0].success", equalTo(true));
        SalesforceApi.as(token).contentType("application/json").body("{\"Name\":\"By hand\"}").patch(record(7)).then().statusCode(204);
        List<OpportunityChange> changes = org.recentChanges();
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).client()).isEqualTo("Stagegate");
        assertThat(changes.get(0).opportunityId()).isEqualTo(org.opportunityId(6));
        assertThat(changes.get(1).client()).isNull();
    }

    @Test
    void otherObjectsAreReadOnly() {
        String stageId = query("SELECT Id FROM OpportunityStage LIMIT 1").getString("records[0].Id");
        SalesforceApi.as(token).contentType("application/json").body("{\"MasterLabel\":\"x\"}")
                .patch(SalesforceApi.DATA + "/sobjects/OpportunityStage/" + stageId).then().statusCode(405);
        SalesforceApi.as(token).get(SalesforceApi.DATA + "/sobjects/OpportunityStage/" + stageId).then().statusCode(200)
                .body("MasterLabel", equalTo("Prospecting"));
        SalesforceApi.as(token).get(SalesforceApi.DATA + "/sobjects/Account/001000000000000AAA").then().statusCode(404);
        given().get(SalesforceApi.DATA + "/sobjects/Opportunity/" + org.opportunityId(1)).then().statusCode(401);
    }
}
