package io.stagegate.sandbox.salesforce;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Query and queryAll over HTTP: pages, cursors, batch sizes, keyset polling, errors. */
@QuarkusTest
@TestProfile(SalesforceSandboxProfile.class)
class SalesforceQueryResourceTest {
    private static final int ROWS = 5000;
    private static final String NEXT_RECORDS_URL = "/services/data/v62\\.0/query/01g[a-zA-Z0-9]{15}-\\d+";

    @Inject
    SalesforceOrg org;

    private String token;

    @BeforeEach
    void seed() {
        if (org.opportunityIds().size() != ROWS || !org.recentChanges().isEmpty()) {
            org.seed(TestDeals.many(ROWS));
        }
        token = SalesforceApi.token();
    }

    private JsonPath query(String soql, Integer batchSize) {
        var request = SalesforceApi.as(token).queryParam("q", soql);
        if (batchSize != null) {
            request = request.header("Sforce-Query-Options", "batchSize=" + batchSize);
        }
        return request.get(SalesforceApi.DATA + "/query").then().statusCode(200).extract().jsonPath();
    }

    /** Every id of a query, following nextRecordsUrl; checks the page shapes on the way. */
    private List<String> all(String soql, Integer batchSize, int expectedPageSize) {
        List<String> ids = new ArrayList<>();
        JsonPath page = query(soql, batchSize);
        int total = page.getInt("totalSize");
        while (true) {
            List<String> pageIds = page.getList("records.Id");
            ids.addAll(pageIds);
            if (page.getBoolean("done")) {
                assertThat(page.getMap("$")).doesNotContainKey("nextRecordsUrl");
                break;
            }
            assertThat(pageIds).hasSize(expectedPageSize);
            assertThat(page.getInt("totalSize")).isEqualTo(total);
            String next = page.getString("nextRecordsUrl");
            assertThat(next).matches(NEXT_RECORDS_URL).endsWith("-" + ids.size());
            var request = SalesforceApi.as(token);
            if (batchSize != null) {
                request = request.header("Sforce-Query-Options", "batchSize=" + batchSize);
            }
            page = request.get(SalesforceApi.INSTANCE + next).then().statusCode(200).extract().jsonPath();
        }
        assertThat(ids).hasSize(total);
        return ids;
    }

    @Test
    void pagesOf2000ByDefault() {
        List<String> ids = all("SELECT Id, Name FROM Opportunity", null, 2000);
        assertThat(ids).hasSize(ROWS).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(new HashSet<>(org.opportunityIds()));
    }

    @Test
    void honoursBatchSizeBetween200And2000() {
        assertThat(all("SELECT Id FROM Opportunity ORDER BY Amount DESC, Id", 200, 200)).hasSize(ROWS).doesNotHaveDuplicates();
        assertThat(all("SELECT Id FROM Opportunity", 2000, 2000)).hasSize(ROWS).doesNotHaveDuplicates();
        assertThat(query("SELECT Id FROM Opportunity", 50).getList("records")).hasSize(200);
        assertThat(query("SELECT Id FROM Opportunity", 5000).getList("records")).hasSize(2000);
    }

    @Test
    void aPageHasTheDocumentedShape() {
        JsonPath page = query("SELECT Id, StageName, Amount, Probability, CloseDate, SystemModstamp, IsClosed, Name FROM Opportunity "
                + "WHERE Name = 'Deal 7'", null);
        assertThat(page.getMap("$").keySet()).containsExactly("totalSize", "done", "records");
        assertThat(page.getInt("totalSize")).isEqualTo(1);
        assertThat(page.getBoolean("done")).isTrue();
        Map<String, Object> record = page.getMap("records[0]");
        assertThat(record.keySet()).containsExactly("attributes", "Id", "StageName", "Amount", "Probability", "CloseDate", "SystemModstamp",
                "IsClosed", "Name");
        assertThat(page.getString("records[0].attributes.type")).isEqualTo("Opportunity");
        assertThat(page.getString("records[0].attributes.url")).isEqualTo("/services/data/v62.0/sobjects/Opportunity/" + org.opportunityId(7));
        assertThat(page.getString("records[0].SystemModstamp")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.000\\+0000");
        assertThat(page.getString("records[0].CloseDate")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(page.getDouble("records[0].Amount")).isEqualTo(1070.0);
        assertThat(page.getString("records[0].Id")).hasSize(18);
    }

    @Test
    void plusInTheQueryIsASpaceAndEncodedPlusIsAPlus() {
        org.update(org.opportunityId(5), Map.of("Name", "A+B"), org.integrationUserId());
        String body = given().header("Authorization", "Bearer " + token).urlEncodingEnabled(false)
                .get(SalesforceApi.DATA + "/query?q=SELECT+Id+FROM+Opportunity+WHERE+Name+%3D+%27A%2BB%27")
                .then().statusCode(200).extract().asString();
        assertThat(JsonPath.from(body).getList("records.Id")).containsExactly(org.opportunityId(5));
    }

    @Test
    void keysetPollingOverAThousandsRowsSharingOneSystemModstampSeesEachOnce() {
        List<String> ids = org.opportunityIds();
        Instant shared = Instant.parse("2024-05-07T22:07:19Z");
        org.setSystemModstamp(ids.subList(0, 3000), shared);
        org.setSystemModstamp(ids.subList(3000, ROWS), shared.plusSeconds(1));
        Set<String> seen = new HashSet<>();
        String stamp = "2024-05-07T22:07:18.000+0000";
        String lastId = "000000000000000AAA";
        int pages = 0;
        while (true) {
            String literal = stamp.replace(".000+0000", "Z");
            JsonPath page = query("SELECT Id, SystemModstamp FROM Opportunity WHERE (SystemModstamp = " + literal + " AND Id > '" + lastId + "') "
                    + "OR SystemModstamp > " + literal + " ORDER BY SystemModstamp, Id LIMIT 2000", null);
            List<String> pageIds = page.getList("records.Id");
            if (pageIds.isEmpty()) {
                break;
            }
            for (String id : pageIds) {
                assertThat(seen.add(id)).as("seen twice: " + id).isTrue();
            }
            lastId = pageIds.get(pageIds.size() - 1);
            stamp = page.getString("records[" + (pageIds.size() - 1) + "].SystemModstamp");
            pages++;
        }
        assertThat(seen).hasSize(ROWS);
        assertThat(pages).isEqualTo(3);
        org.seed(TestDeals.many(ROWS));
    }

    @Test
    void expiredOrUnknownLocatorsAreInvalid() {
        JsonPath first = query("SELECT Id FROM Opportunity", null);
        String next = first.getString("nextRecordsUrl");
        SalesforceApi.as(token).get(SalesforceApi.INSTANCE + next).then().statusCode(200);
        given().delete("/sandbox/salesforce/admin/query-locators").then().statusCode(204);
        SalesforceApi.as(token).get(SalesforceApi.INSTANCE + next).then().statusCode(400)
                .header("Sforce-Limit-Info", startsWith("api-usage="))
                .body("[0].errorCode", equalTo("INVALID_QUERY_LOCATOR")).body("[0].message", equalTo("invalid query locator"));
        SalesforceApi.as(token).get(SalesforceApi.DATA + "/query/01gDn0000000999AAA-2000").then().statusCode(400)
                .body("[0].errorCode", equalTo("INVALID_QUERY_LOCATOR"));
        SalesforceApi.as(token).get(SalesforceApi.DATA + "/query/garbage").then().statusCode(400);
    }

    @Test
    void aCursorBelongsToTheUserAndSurvivesANewToken() {
        String next = query("SELECT Id FROM Opportunity", null).getString("nextRecordsUrl");
        SalesforceApi.as(SalesforceApi.token()).get(SalesforceApi.INSTANCE + next).then().statusCode(200).body("records.size()", equalTo(2000));
    }

    @Test
    void countAndLimitAndOtherObjects() {
        JsonPath count = query("SELECT COUNT() FROM Opportunity WHERE StageName = 'Prospecting'", null);
        assertThat(count.getInt("totalSize")).isEqualTo(ROWS / 8);
        assertThat(count.getList("records")).isEmpty();
        assertThat(count.getBoolean("done")).isTrue();
        JsonPath limited = query("SELECT Id FROM Opportunity ORDER BY CloseDate DESC LIMIT 2500", 2000);
        assertThat(limited.getInt("totalSize")).isEqualTo(2500);
        assertThat(limited.getBoolean("done")).isFalse();
        assertThat(query("SELECT MasterLabel FROM OpportunityStage ORDER BY SortOrder", null).getList("records.MasterLabel")).hasSize(10);
        JsonPath roles = query("SELECT Id, (SELECT ContactId, Role, IsPrimary FROM OpportunityContactRoles) FROM Opportunity WHERE Name = 'Deal 3'", null);
        assertThat(roles.getInt("records[0].OpportunityContactRoles.totalSize")).isEqualTo(3);
        assertThat(roles.getString("records[0].OpportunityContactRoles.records[0].ContactId")).startsWith("003");
    }

    @Test
    void queryAllReturnsDeletedRecordsAndItsCursorPathSaysQuery() {
        org.delete(org.opportunityId(11), org.integrationUserId());
        try {
            SalesforceApi.as(token).queryParam("q", "SELECT Id, IsDeleted FROM Opportunity WHERE IsDeleted = true").get(SalesforceApi.DATA + "/query")
                    .then().statusCode(200).body("totalSize", equalTo(0));
            SalesforceApi.as(token).queryParam("q", "SELECT Id, IsDeleted FROM Opportunity WHERE IsDeleted = true")
                    .get(SalesforceApi.DATA + "/queryAll").then().statusCode(200)
                    .body("totalSize", equalTo(1)).body("records[0].IsDeleted", equalTo(true)).body("records[0].Id", equalTo(org.opportunityId(11)));
            SalesforceApi.as(token).queryParam("q", "SELECT Id FROM Opportunity").get(SalesforceApi.DATA + "/queryAll").then().statusCode(200)
                    .body("totalSize", equalTo(ROWS)).body("nextRecordsUrl", matchesPattern(NEXT_RECORDS_URL));
        } finally {
            org.undelete(org.opportunityId(11), org.integrationUserId());
        }
    }

    @Test
    void anyVersionWorksAndOthersAreNotFound() {
        SalesforceApi.as(token).queryParam("q", "SELECT Id FROM Opportunity LIMIT 1").get(SalesforceApi.INSTANCE + "/services/data/v45.0/query")
                .then().statusCode(200).body("records[0].attributes.url", startsWith("/services/data/v45.0/sobjects/Opportunity/"));
        SalesforceApi.as(token).queryParam("q", "SELECT Id FROM Opportunity LIMIT 1").get(SalesforceApi.INSTANCE + "/services/data/62.0/query")
                .then().statusCode(404).body("[0].errorCode", equalTo("NOT_FOUND"));
    }

    @Test
    void queryErrorsAreSalesforceErrorArrays() {
        SalesforceApi.as(token).queryParam("q", "SELECT Id FROM Opportunity GROUP BY StageName").get(SalesforceApi.DATA + "/query")
                .then().statusCode(400).header("Sforce-Limit-Info", startsWith("api-usage="))
                .body("[0].errorCode", equalTo("MALFORMED_QUERY")).body("[0].message", matchesPattern("(?s).*unexpected token: 'GROUP'.*"))
                .body("[0]", not(hasKey("fields")));
        SalesforceApi.as(token).queryParam("q", "SELECT Nope__c FROM Opportunity").get(SalesforceApi.DATA + "/query")
                .then().statusCode(400).body("[0].errorCode", equalTo("INVALID_FIELD"))
                .body("[0].message", matchesPattern("(?s).*No such column 'Nope__c' on entity 'Opportunity'.*"));
        SalesforceApi.as(token).queryParam("q", "SELECT Id FROM Lead").get(SalesforceApi.DATA + "/query")
                .then().statusCode(400).body("[0].errorCode", equalTo("INVALID_TYPE"));
        SalesforceApi.as(token).get(SalesforceApi.DATA + "/query").then().statusCode(400).body("[0].errorCode", equalTo("MALFORMED_QUERY"));
        SalesforceApi.as(token).queryParam("q", "SELECT Id, Owner.Name FROM Opportunity WHERE OwnerId = null").get(SalesforceApi.DATA + "/query")
                .then().statusCode(200).body("totalSize", equalTo(0)).body("records[0]", nullValue());
    }
}
