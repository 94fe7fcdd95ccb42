package io.stagegate.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.stagegate.criteria.Crm;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.sync.SyncEngine;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api/playbook}: who may do what, validation with lines, the CRM's setup check, activation and rollback. */
@QuarkusTest
@TestProfile(PlaybookApiProfile.class)
class PlaybookApiTest {
    @Inject
    ActivePlaybook active;

    @Inject
    SyncEngine engine;

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    static RequestSpecification admin() {
        return as(PlaybookApiProfile.ADMIN).contentType("application/json");
    }

    static Map<String, Object> candidate(String yaml, String reason) {
        return reason == null ? Map.of("yaml", yaml) : Map.of("yaml", yaml, "reason", reason);
    }

    @AfterEach
    void shippedAgain() {
        PlaybookFixtures.restoreShipped();
    }

    @Test
    void readsNeedAViewerAndChangesAnAdmin() {
        for (String path : new String[] {"/api/playbook", "/api/playbook/versions", "/api/playbook/versions/1"}) {
            unauthorized(given().when().get(path).then());
            as(PlaybookApiProfile.VIEWER).when().get(path).then().statusCode(200);
        }
        String body = "{\"yaml\": \"name: x\", \"reason\": \"r\"}";
        for (String path : new String[] {"/api/playbook/validate", "/api/playbook/preview", "/api/playbook/activate", "/api/playbook/versions/1/rollback"}) {
            unauthorized(given().contentType("application/json").body(body).when().post(path).then());
            as(PlaybookApiProfile.VIEWER).contentType("application/json").body(body).when().post(path).then().statusCode(403)
                    .contentType("application/problem+json").body("detail", containsString("admin"));
        }
    }

    @Test
    void theActiveVersionIsTheShippedFileRecordedAtStart() {
        as(PlaybookApiProfile.VIEWER).when().get("/api/playbook").then().statusCode(200)
                .body("active.sha256", equalTo(PlaybookFixtures.SHIPPED.sha256()))
                .body("active.yaml", equalTo(PlaybookFixtures.SHIPPED.yaml()))
                .body("active.crm", equalTo("SALESFORCE"))
                .body("runningHere", equalTo(true));
        as(PlaybookApiProfile.VIEWER).when().get("/api/playbook/versions/1").then().statusCode(200)
                .body("action", equalTo("startup")).body("activatedBy", equalTo("startup")).body("diff", nullValue());
        as(PlaybookApiProfile.VIEWER).when().get("/api/playbook/versions/999999").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("999999"));
        as(PlaybookApiProfile.VIEWER).queryParam("limit", 0).when().get("/api/playbook/versions").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("limit"));
    }

    @Test
    void invalidYamlIsReportedWithItsLines() {
        // line 16 of the shipped file is "    rule:" of demo_attended_next_step: an unknown rule there
        String broken = PlaybookFixtures.variant("        - dateInPast: Demo_Date__c", "        - dateInThePast: Demo_Date__c");
        int line = lineOf(broken, "dateInThePast");
        admin().body(candidate(broken, null)).when().post("/api/playbook/validate").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("problems.line", hasItem(line))
                .body("problems.message", hasItem(containsString("dateInThePast")))
                .body("setup", nullValue());
        admin().body(candidate(broken, "typo")).when().post("/api/playbook/activate").then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid playbook"))
                .body("errors.line", hasItem(line));
        admin().body(candidate("name: [unclosed\ncrm: salesforce\n", null)).when().post("/api/playbook/preview").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].line", greaterThan(0));
        admin().body(Map.of("reason", "no yaml")).when().post("/api/playbook/activate").then().statusCode(400)
                .body("detail", containsString("\"yaml\""));
        admin().body(candidate(PlaybookFixtures.stricter(), " ")).when().post("/api/playbook/activate").then().statusCode(400)
                .body("detail", containsString("reason"));
        assertThat(active.current().sha256()).isEqualTo(PlaybookFixtures.SHIPPED.sha256());
    }

    @Test
    void theCrmsSetupCheckNamesWhatTheOrgLacks() {
        engine.pollCycle(Crm.SALESFORCE); // the embedded sandbox answers once the service listens
        admin().body(candidate(PlaybookFixtures.SHIPPED.yaml(), null)).when().post("/api/playbook/validate").then().statusCode(200)
                .body("valid", equalTo(true)).body("setup.checked", equalTo(true)).body("setup.problems.size()", equalTo(0))
                .body("setup.target", containsString("sandbox"));
        String missing = PlaybookFixtures.variant("rule: { checkbox: Verbal_Commitment__c }", "rule: { checkbox: Verbal_Commitment_Given__c }")
                .replace("{ value: Negotiation/Review, probability: 90 }", "{ value: Negotiating, probability: 90 }");
        JsonPath report = admin().body(candidate(missing, null)).when().post("/api/playbook/validate").then().statusCode(200)
                .body("valid", equalTo(false)).body("problems.size()", equalTo(0)).body("setup.checked", equalTo(true))
                .extract().jsonPath();
        assertThat(report.getList("setup.problems.message", String.class)).anyMatch(p -> p.contains("Verbal_Commitment_Given__c"))
                .anyMatch(p -> p.contains("Negotiating"));
        int fieldLine = lineOf(missing, "Verbal_Commitment_Given__c");
        int stageLine = lineOf(missing, "Negotiating");
        assertThat(report.getList("setup.problems.findAll { it.name == 'Verbal_Commitment_Given__c' }.line", Integer.class)).containsOnly(fieldLine);
        assertThat(report.getList("setup.problems.findAll { it.name == 'Negotiating' }.line", Integer.class)).containsOnly(stageLine);
        admin().body(candidate(missing, "rename")).when().post("/api/playbook/activate").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.message", hasItem(containsString("Verbal_Commitment_Given__c")))
                .body("errors.line", hasItem(fieldLine));
        assertThat(active.current().sha256()).isEqualTo(PlaybookFixtures.SHIPPED.sha256());
    }

    @Test
    void activationRecordsWhoWhenWhyAndTheDiffAndRollbackRestores() {
        engine.pollCycle(Crm.SALESFORCE);
        long before = as(PlaybookApiProfile.VIEWER).when().get("/api/playbook").then().extract().jsonPath().getLong("active.version");
        String stricter = PlaybookFixtures.stricter();
        JsonPath activated = admin().body(candidate(stricter, "budget needs solution fit too")).when().post("/api/playbook/activate").then()
                .statusCode(201).header("Location", containsString("/api/playbook/versions/"))
                .body("activated.action", equalTo("activate"))
                .body("activated.reason", equalTo("budget needs solution fit too"))
                .body("activated.activatedBy", equalTo("api:admin-token-1"))
                .body("setup.checked", equalTo(true))
                .extract().jsonPath();
        long version = activated.getLong("activated.version");
        assertThat(version).isGreaterThan(before);
        assertThat(active.current().yaml()).isEqualTo(stricter);
        as(PlaybookApiProfile.VIEWER).when().get("/api/playbook/versions/" + version).then().statusCode(200)
                .body("diff", containsString("-          - { value: Needs Analysis, probability: 20 }"))
                .body("diff", containsString("+          - { value: Needs Analysis, probability: 25 }"))
                .body("yaml", equalTo(stricter));
        admin().body(candidate(stricter, "again")).when().post("/api/playbook/activate").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("version " + version));

        JsonPath rolledBack = admin().body("{}").when().post("/api/playbook/versions/" + before + "/rollback").then().statusCode(201)
                .body("activated.action", equalTo("rollback"))
                .body("activated.reason", equalTo("rollback to v" + before))
                .body("activated.restoredFrom", equalTo((int) before))
                .extract().jsonPath();
        assertThat(active.current().sha256()).isEqualTo(PlaybookFixtures.SHIPPED.sha256());
        admin().when().post("/api/playbook/versions/" + before + "/rollback").then().statusCode(409);
        admin().when().post("/api/playbook/versions/999999/rollback").then().statusCode(404);

        JsonPath page = as(PlaybookApiProfile.VIEWER).queryParam("limit", 1).when().get("/api/playbook/versions").then().statusCode(200)
                .body("versions.size()", equalTo(1)).body("versions[0].yaml", nullValue()).extract().jsonPath();
        assertThat(page.getLong("versions[0].version")).isEqualTo(rolledBack.getLong("activated.version"));
        long next = page.getLong("nextBefore");
        as(PlaybookApiProfile.VIEWER).queryParam("before", next).queryParam("limit", 1).when().get("/api/playbook/versions").then()
                .body("versions[0].version", equalTo((int) version)).body("versions[0].reason", equalTo("budget needs solution fit too"));
    }

    @Test
    void bodiesAreBounded() {
        String huge = "x".repeat((int) PlaybookAdmission.MAX_BODY_BYTES);
        admin().body(candidate(huge, "too big")).when().post("/api/playbook/activate").then().statusCode(413)
                .contentType("application/problem+json");
        String large = "# " + "y".repeat(1_000_001) + "\n" + PlaybookFixtures.SHIPPED.yaml();
        admin().body(candidate(large, null)).when().post("/api/playbook/validate").then().statusCode(200)
                .body("valid", equalTo(false)).body("problems.message", everyItem(containsString("1000000 characters")));
    }

    @Test
    void aBodyWithoutALengthIsRefusedBeforeItIsRead() throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = "POST /api/playbook/validate HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + PlaybookApiProfile.ADMIN
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"yam\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush(); // and the rest of the body never comes
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).isEqualTo("HTTP/1.1 411 Length Required");
        }
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithExamples() {
        String openapi = given().when().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/api/playbook/validate", "/api/playbook/preview", "/api/playbook/activate",
                "/api/playbook/versions/{version}/rollback", "changedQualifiedStage", "rollback to v2", "/problems/invalid-playbook");
    }

    private static int lineOf(String yaml, String text) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(text);
    }

    private static void unauthorized(ValidatableResponse response) {
        response.statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }
}
