package io.stagegate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Requests written by an attacker or a careless user: each is refused with a 400 that says what and where, quickly. */
@QuarkusTest
class HostileInputTest {
    private static final RestAssuredConfig DECIMALS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    /** rest-assured would otherwise declare ISO-8859-1 for every text/csv body it sends. */
    private static final RestAssuredConfig NO_DEFAULT_CHARSET = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
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

    @Test
    void csvCharsetsAreDetectedOrDeclaredAndNeverMisread() {
        String csv = "Id,StageName,Amount,OwnerId\n006C1,Prospecting,1000,Jürgen Müller\n";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        given().contentType("text/csv").body(concat(bom, csv.getBytes(StandardCharsets.UTF_8)))
                .when().post("/api/evaluate").then().statusCode(200).body("evaluations[0].owner", equalTo("Jürgen Müller"));
        given().contentType("text/csv").body(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, csv.getBytes(StandardCharsets.UTF_16LE)))
                .when().post("/api/evaluate").then().statusCode(200).body("evaluations[0].owner", equalTo("Jürgen Müller"));
        given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_16))
                .when().post("/api/evaluate").then().statusCode(200).body("evaluations[0].owner", equalTo("Jürgen Müller"));
        byte[] latin1 = csv.getBytes(StandardCharsets.ISO_8859_1);
        given().config(NO_DEFAULT_CHARSET).contentType("text/csv").body(latin1)
                .when().post("/api/evaluate").then().statusCode(400)
                .body("detail", startsWith("the CSV is not valid UTF-8 (in its first lines)"));
        given().contentType("text/csv; charset=ISO-8859-1").body(latin1)
                .when().post("/api/evaluate").then().statusCode(200).body("evaluations[0].owner", equalTo("Jürgen Müller"));
        given().config(NO_DEFAULT_CHARSET).contentType("text/csv").body(latin1).queryParam("charset", "windows-1252")
                .when().post("/api/evaluate").then().statusCode(200).body("evaluations[0].owner", equalTo("Jürgen Müller"));
        given().contentType("text/csv").body(latin1).queryParam("charset", "klingon")
                .when().post("/api/evaluate").then().statusCode(400).body("detail", startsWith("charset 'klingon' is not supported"));
        given().multiPart("opportunities", "export.csv", latin1, "text/csv; charset=ISO-8859-1")
                .when().post("/api/evaluate").then().statusCode(200).body("evaluations[0].owner", equalTo("Jürgen Müller"));
    }

    @Test
    void semicolonSeparatedExportsAreRecognised() {
        given().contentType("text/csv").body("Id;StageName;Amount;OwnerId\n006S1;Closed Won;1000;\"Baxter, Jim\"\n")
                .when().post("/api/evaluate")
                .then().statusCode(200)
                .body("evaluations[0].owner", equalTo("Baxter, Jim"))
                .body("summary.won", equalTo(1));
    }

    @Test
    void csvLinesAreCountedAcrossQuotedNewlinesAndBlankLines() {
        String csv = "Id,StageName,Description__c\n006L1,Prospecting,\"two\nlines\"\n\n006L2,Nowhere,x\n";
        given().contentType("text/csv").body(csv)
                .when().post("/api/evaluate")
                .then().statusCode(400)
                .body("errors[0].line", equalTo(5))
                .body("errors[0].id", equalTo("006L2"));
    }

    @Test
    void problemDocumentsQuoteOnlyAPrefixOfHugeValues() {
        String stage = "S".repeat(5_000_000);
        String body = given().contentType("text/csv").body("Id,StageName,Amount\n006Q1,Prospecting," + stage + "\n")
                .when().post("/api/evaluate")
                .then().statusCode(400)
                .body("errors[0].message", equalTo("'" + "S".repeat(60) + "…' is longer than 100 characters"))
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(body.length()).isLessThan(5_000);
        body = given().contentType("text/csv").body("Id,StageName\n006Q2," + stage + "\n")
                .when().post("/api/evaluate")
                .then().statusCode(400).extract().asString();
        org.assertj.core.api.Assertions.assertThat(body.length()).isLessThan(5_000);
    }

    @Test
    void emptyOrTruncatedMultipartBodiesAre400() {
        given().contentType("multipart/form-data; boundary=XyZ").body(new byte[0])
                .when().post("/api/evaluate").then().statusCode(400).contentType("application/problem+json");
        String truncated = "--XyZ\r\nContent-Disposition: form-data; name=\"opportunities\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nId,StageName\n1,Prosp";
        given().contentType("multipart/form-data; boundary=XyZ").body(truncated.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/evaluate").then().statusCode(400).contentType("application/problem+json");
        given().contentType("multipart/form-data; boundary=XyZ").body("--XyZ--\r\n".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/evaluate").then().statusCode(400).body("detail", containsString("\"opportunities\""));
    }

    @Test
    void aPlaybookSentWithTheRequestCannotHoldACostlyExpression() throws java.io.IOException {
        String playbook;
        try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream("playbooks/default-salesforce.yaml")) {
            playbook = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String r = "[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]";
        String costly = r + ".all(a, " + r + ".all(b, " + r + ".all(c, " + r + ".all(d, " + r + ".all(e, " + r + ".all(f, a + b + c + d + e + f >= 0))))))";
        int firstRule = playbook.indexOf("rule:");
        int endOfLine = playbook.indexOf('\n', firstRule);
        String yaml = playbook.substring(0, firstRule) + "rule: { cel: '" + costly + "' }" + playbook.substring(endOfLine);
        int line = (int) yaml.substring(0, firstRule).chars().filter(c -> c == '\n').count() + 1;
        given().multiPart("opportunities", "a.csv", "Id,StageName\n1,Prospecting\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("playbook", yaml)
                .when().post("/api/evaluate")
                .then().time(lessThan(QUICK_MS), TimeUnit.MILLISECONDS)
                .statusCode(400)
                .body("title", equalTo("Invalid playbook"))
                .body("errors[0].line", equalTo(line))
                .body("errors[0].message", containsString("nests 6 comprehensions"));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
