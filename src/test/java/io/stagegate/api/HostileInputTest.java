package io.stagegate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Requests written by an attacker or a careless user: each is refused with a 400 that says what and where, quickly. */
@QuarkusTest
class HostileInputTest {
    private static final RestAssuredConfig DECIMALS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    private static final long QUICK_MS = 5_000;

    private static String json(String opportunity) {
        return "{\"asOf\": \"2026-11-26\", \"opportunities\": [" + opportunity + "]}";
    }

    private static void refusedJson(String body, String field, String message) {
        given().contentType("application/json").body(body)
                .when().post("/api/evaluate")
                .then().time(lessThan(QUICK_MS), TimeUnit.MILLISECONDS)
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].record", equalTo(0))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", containsString(message));
    }

    @Test
    void aHugeExponentIsRefusedWithoutBeingComputed() {
        refusedJson(json("{\"id\": \"1\", \"stage\": \"Prospecting\", \"amount\": \"1E+100000000\"}"), "amount", "too large");
        refusedJson(json("{\"id\": \"1\", \"stage\": \"Closed Won\", \"amount\": 1E+100000000}"), "amount", "too large");
        refusedJson(json("{\"id\": \"1\", \"stage\": \"Closed Won\", \"amount\": 1E-100000000}"), "amount", "after the decimal point");
        refusedJson(json("{\"id\": \"1\", \"stage\": \"Prospecting\", \"amount\": 1e400}"), "amount", "too large");
        refusedJson(json("{\"id\": \"1\", \"stage\": \"Prospecting\", \"fields\": {\"Budget__c\": 1e400}}"), "fields.Budget__c", "too large");
        given().contentType("text/csv").body("Id,StageName,Amount\n006H1,Closed Won,1E+100000000\n")
                .when().post("/api/evaluate")
                .then().time(lessThan(QUICK_MS), TimeUnit.MILLISECONDS)
                .statusCode(400)
                .body("errors[0].line", equalTo(2))
                .body("errors[0].field", equalTo("Amount"))
                .body("errors[0].message", equalTo("'1E+100000000' is too large (more than 18 digits before the decimal point)"));
    }

    @Test
    void seventeenDigitAmountsKeepTheirCents() {
        given().config(DECIMALS).contentType("application/json")
                .body(json("{\"id\": \"1\", \"stage\": \"Closed Won\", \"amount\": 123456789012345.67, \"currency\": \"USD\"}"))
                .when().post("/api/evaluate")
                .then().statusCode(200)
                .body("evaluations[0].qualifiedForecast", equalTo(new BigDecimal("123456789012345.67")));
    }

    @Test
    void anObjectWhereAScalarBelongsIsRefusedNotReadInto() {
        refusedJson(json("{\"id\": \"1\", \"stage\": \"Prospecting\", \"amount\": {\"x\": 1}}"), "amount", "must be a single value, not an object");
        refusedJson(json("{\"id\": \"1\", \"stage\": {\"stage\": \"Negotiation/Review\"}}"), "stage", "must be a single value, not an object");
        refusedJson(json("{\"id\": {\"id\": \"1\"}, \"stage\": \"Prospecting\"}"), "id", "must be a single value, not an object");
        refusedJson(json("{\"id\": \"1\", \"stage\": \"Prospecting\", \"history\": [{\"stage\": [\"Prospecting\"], \"at\": \"2026-11-01T00:00:00Z\"}]}"),
                "history[0].stage", "must be a single value, not an array");
    }

    @Test
    void datesAreIsoDatesNotEpochMilliseconds() {
        refusedJson(json("{\"id\": \"1\", \"stage\": \"Prospecting\", \"closeDate\": \"20261126\"}"), "closeDate",
                "'20261126' is not a date (expected YYYY-MM-DD)");
        refusedJson(json("{\"id\": \"1\", \"stage\": \"Prospecting\", \"stageEnteredOn\": 20261126}"), "stageEnteredOn", "is not a date");
        refusedJson(json("{\"id\": \"1\", \"stage\": \"Prospecting\", \"history\": [{\"stage\": \"Prospecting\", \"at\": \"1764115200000\"}]}"),
                "history[0].at", "is not a timestamp");
    }

    @Test
    void duplicateKeysAndTrailingContentAreRefused() {
        given().contentType("application/json").body(json("{\"id\": \"1\", \"stage\": \"Prospecting\", \"stage\": \"Closed Won\"}"))
                .when().post("/api/evaluate")
                .then().statusCode(400).body("detail", containsString("Duplicate field 'stage'"));
        given().contentType("application/json").body("{\"opportunities\": [], \"opportunities\": [{\"id\": \"1\", \"stage\": \"Prospecting\"}]}")
                .when().post("/api/evaluate")
                .then().statusCode(400).body("detail", containsString("Duplicate field 'opportunities'"));
        given().contentType("application/json").body(json("{\"id\": \"1\", \"stage\": \"Prospecting\"}") + " {\"more\": 1}")
                .when().post("/api/evaluate")
                .then().statusCode(400).body("detail", startsWith("the request body has content after its JSON value"));
        given().contentType("application/json").body("[{\"id\": \"1\", \"stage\": \"Prospecting\"}] garbage")
                .when().post("/api/evaluate")
                .then().statusCode(400).body("detail", containsString("line 1"));
    }

    @Test
    void unparsableQueryParametersAre400NotFound() {
        String body = "[{\"id\": \"1\", \"stage\": \"Prospecting\"}]";
        given().contentType("application/json").body(body).queryParam("summaryOnly", "maybe")
                .when().post("/api/evaluate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("summaryOnly 'maybe' is neither true nor false"));
        given().contentType("application/json").body(body).queryParam("asOf", "garbage")
                .when().post("/api/evaluate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("asOf 'garbage' is not a date (expected YYYY-MM-DD)"));
        given().contentType("text/csv").body("Id,StageName\n1,Prospecting\n").queryParam("summaryOnly", "TRUE")
                .when().post("/api/evaluate")
                .then().statusCode(200).body("summary.opportunities", equalTo(1));
    }
}
