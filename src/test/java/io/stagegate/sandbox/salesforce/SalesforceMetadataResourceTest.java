package io.stagegate.sandbox.salesforce;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Describe, the sObject list, limits, versions, and the usage header on every response. */
@QuarkusTest
@TestProfile(SalesforceSandboxProfile.class)
class SalesforceMetadataResourceTest {
    private static final String USAGE = "api-usage=(\\d+)/(\\d+)";

    private String token;

    @BeforeEach
    void login() {
        token = SalesforceApi.token();
    }

    @Test
    @SuppressWarnings("unchecked")
    void describeListsFieldsWithTypesPermissionsAndPicklists() {
        JsonPath describe = SalesforceApi.as(token).get(SalesforceApi.DATA + "/sobjects/Opportunity/describe").then().statusCode(200)
                .header("Last-Modified", matchesPattern(".+ GMT")).extract().jsonPath();
        assertThat(describe.getString("name")).isEqualTo("Opportunity");
        assertThat(describe.getString("keyPrefix")).isEqualTo("006");
        assertThat(describe.getBoolean("queryable")).isTrue();
        assertThat(describe.getBoolean("updateable")).isTrue();
        List<Map<String, Object>> fields = describe.getList("fields");
        Map<String, Map<String, Object>> byName = new java.util.HashMap<>();
        fields.forEach(field -> byName.put((String) field.get("name"), field));
        for (Map<String, Object> field : fields) {
            assertThat(field).containsKeys("name", "label", "type", "updateable", "createable", "nillable", "calculated", "filterable", "length",
                    "precision", "scale", "picklistValues", "soapType", "custom", "referenceTo", "relationshipName", "restrictedPicklist");
        }
        assertThat(byName.get("Id")).containsEntry("type", "id").containsEntry("updateable", false);
        assertThat(byName.get("IsWon")).containsEntry("type", "boolean").containsEntry("updateable", false).containsEntry("calculated", true);
        assertThat(byName.get("ForecastCategoryName")).containsEntry("updateable", false);
        assertThat(byName.get("Probability")).containsEntry("type", "percent").containsEntry("updateable", true);
        assertThat(byName.get("SystemModstamp")).containsEntry("type", "datetime").containsEntry("updateable", false);
        assertThat(byName.get("CloseDate")).containsEntry("type", "date").containsEntry("nillable", false);
        assertThat(byName.get("OwnerId")).containsEntry("type", "reference").containsEntry("relationshipName", "Owner")
                .containsEntry("referenceTo", List.of("User"));
        assertThat(byName.get("Qualified_Forecast__c")).containsEntry("type", "currency").containsEntry("custom", true)
                .containsEntry("precision", 18).containsEntry("scale", 2).containsEntry("updateable", true).containsEntry("soapType", "xsd:double");
        assertThat(byName.get("Stage_Skip__c")).containsEntry("type", "boolean").containsEntry("defaultValue", false);
        assertThat(byName.get("Skipped_Criteria_Detail__c")).containsEntry("type", "textarea").containsEntry("length", 32768)
                .containsEntry("filterable", false);
        assertThat(byName.get("Qualified_Stage__c")).containsEntry("type", "string").containsEntry("length", 255);
        assertThat(byName.get("Next_Step_Date__c")).containsEntry("type", "date").containsEntry("custom", true);
        assertThat(byName.get("Budget_Confirmed__c")).containsEntry("type", "boolean");
        List<Map<String, Object>> stages = (List<Map<String, Object>>) byName.get("StageName").get("picklistValues");
        assertThat(byName.get("StageName")).containsEntry("type", "picklist").containsEntry("nillable", false);
        assertThat(stages).extracting(value -> value.get("value")).startsWith("Prospecting", "Qualification").contains("Closed Won", "Closed Lost");
        assertThat(stages.get(0)).containsEntry("active", true).containsEntry("label", "Prospecting").containsEntry("defaultValue", false);
        assertThat((List<Map<String, Object>>) byName.get("Qualified_Forecast_Category__c").get("picklistValues")).extracting(value -> value.get("value"))
                .containsExactly("Omitted", "Pipeline", "Best Case", "Commit", "Closed");
        List<Map<String, Object>> recordTypes = describe.getList("recordTypeInfos");
        assertThat(recordTypes).extracting(info -> info.get("developerName")).containsExactly("New_Business", "Renewal", "Master");
        assertThat(recordTypes).allSatisfy(info -> assertThat((String) info.get("recordTypeId")).hasSize(18).startsWith("012"));
        assertThat(recordTypes.get(2)).containsEntry("recordTypeId", "012000000000000AAA").containsEntry("master", true);
        assertThat(describe.getList("childRelationships.relationshipName")).contains("OpportunityContactRoles", "OpportunityHistories");
    }

    @Test
    void describeAnswers304WhenNothingChangedSince() {
        String lastModified = SalesforceApi.as(token).get(SalesforceApi.DATA + "/sobjects/Opportunity/describe").then().statusCode(200)
                .extract().header("Last-Modified");
        SalesforceApi.as(token).header("If-Modified-Since", lastModified).get(SalesforceApi.DATA + "/sobjects/Opportunity/describe")
                .then().statusCode(304).header("Sforce-Limit-Info", matchesPattern(USAGE));
        SalesforceApi.as(token).header("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").get(SalesforceApi.DATA + "/sobjects/Opportunity/describe")
                .then().statusCode(200);
        SalesforceApi.as(token).get(SalesforceApi.DATA + "/sobjects/OpportunityHistory/describe").then().statusCode(200)
                .body("updateable", equalTo(false)).body("keyPrefix", equalTo("008"));
        SalesforceApi.as(token).get(SalesforceApi.DATA + "/sobjects/Widget__c/describe").then().statusCode(404).body("[0].errorCode", equalTo("NOT_FOUND"));
    }

    @Test
    void limitsMatchTheUsageHeader() {
        Response response = SalesforceApi.as(token).get(SalesforceApi.DATA + "/limits");
        response.then().statusCode(200).body("DailyApiRequests.Max", equalTo(1_000_000));
        java.util.regex.Matcher usage = java.util.regex.Pattern.compile(USAGE).matcher(response.header("Sforce-Limit-Info"));
        assertThat(usage.matches()).isTrue();
        long used = Long.parseLong(usage.group(1));
        assertThat(response.jsonPath().getLong("DailyApiRequests.Remaining")).isEqualTo(1_000_000 - used);
    }

    @Test
    void listsSobjectsVersionsAndResources() {
        SalesforceApi.as(token).get(SalesforceApi.DATA + "/sobjects").then().statusCode(200)
                .body("encoding", equalTo("UTF-8")).body("maxBatchSize", equalTo(200))
                .body("sobjects.name", hasItem("Opportunity")).body("sobjects.name", hasItem("OpportunityStage"));
        SalesforceApi.as(token).get(SalesforceApi.DATA + "/sobjects/Opportunity").then().statusCode(200)
                .body("objectDescribe.keyPrefix", equalTo("006"));
        given().get(SalesforceApi.INSTANCE + "/services/data").then().statusCode(200).body("version", hasItem("62.0"))
                .body("url", hasItem("/services/data/v62.0"));
        SalesforceApi.as(token).get(SalesforceApi.DATA).then().statusCode(200).body("query", equalTo("/services/data/v62.0/query"));
        given().get(SalesforceApi.INSTANCE + "/services/data/").then().statusCode(200).body("version", hasItem("62.0"));
        SalesforceApi.as(token).get(SalesforceApi.DATA + "/limits/").then().statusCode(200).body("DailyApiRequests.Max", equalTo(1_000_000));
    }

    @Test
    void everyResponseCarriesTheUsageHeaderErrorsIncluded() {
        List<Response> responses = List.of(
                SalesforceApi.as(token).get(SalesforceApi.DATA + "/limits"),
                SalesforceApi.as(token).queryParam("q", "SELECT Id FROM Opportunity LIMIT 1").get(SalesforceApi.DATA + "/query"),
                SalesforceApi.as(token).queryParam("q", "SELECT FROM").get(SalesforceApi.DATA + "/query"),
                given().get(SalesforceApi.DATA + "/limits"),
                SalesforceApi.as(token).get(SalesforceApi.DATA + "/no-such-resource"),
                SalesforceApi.as(token).delete(SalesforceApi.DATA + "/limits"),
                SalesforceApi.as(token).contentType("application/json").body("{").patch(SalesforceApi.DATA + "/composite/sobjects"));
        assertThat(responses).extracting(Response::statusCode).containsExactly(200, 200, 400, 401, 404, 405, 400);
        for (Response response : responses) {
            assertThat(response.header("Sforce-Limit-Info")).matches(USAGE);
            if (response.statusCode() >= 400) {
                assertThat(response.contentType()).startsWith("application/json");
                assertThat(response.jsonPath().getString("[0].errorCode")).isNotBlank();
                assertThat(response.jsonPath().getString("[0].message")).isNotBlank();
            }
        }
    }
}
