package io.stagegate.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/** The packaged jar of the quick start: it starts, serves the landing page and evaluates the sample export. */
@QuarkusIntegrationTest
class PackagedApplicationIT {

    @Test
    void quickStartShowsAResult() {
        given().when().get("/").then().statusCode(200).body(containsString("open opportunities are"));
    }

    @Test
    void packagedServiceEvaluatesAnExport() {
        String csv = "Id,StageName,Amount,Discovery_Meeting_Date__c\n006X1,Qualification,1000,2026-11-01\n006X2,Negotiation/Review,1000,\n";
        given().contentType("text/csv").body(csv).queryParam("asOf", "2026-11-26")
                .when().post("/api/evaluate")
                .then().statusCode(200)
                .body("summary.overStaged", equalTo(1))
                .body("evaluations[1].qualifiedStage.key", equalTo("awareness"));
    }
}
