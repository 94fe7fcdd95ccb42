package io.stagegate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EvaluateResourceTest {
    private static final RestAssuredConfig DECIMALS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    /** Fully qualified through Needs Analysis except the next step, which lapsed yesterday. */
    private static final String NEEDS_ANALYSIS_FIELDS = "\"Discovery_Meeting_Date__c\": \"2026-09-01\", \"Demo_Date__c\": \"2026-10-01\","
            + " \"Technical_Meeting_Date__c\": \"2026-10-08\", \"Next_Step_Date__c\": \"2026-11-26\"";

    private static String json(String opportunities) {
        return "{\"asOf\": \"2026-11-26\", \"opportunities\": [" + opportunities + "]}";
    }

    @Test
    void qualifiedOpportunityKeepsTheCrmWeightedAmount() {
        given().config(DECIMALS).contentType("application/json")
                .body(json("{\"id\": \"006Q1\", \"stage\": \"Needs Analysis\", \"amount\": 30000, \"currency\": \"USD\","
                        + " \"fields\": {" + NEEDS_ANALYSIS_FIELDS + "}}"))
                .when().post("/api/evaluate")
                .then().statusCode(200)
                .body("playbook", equalTo("Default buyer journey (Salesforce)"))
                .body("asOf", equalTo("2026-11-26"))
                .body("evaluations[0].recordedStage.key", equalTo("consideration_pain"))
                .body("evaluations[0].qualifiedStage.key", equalTo("consideration_pain"))
                .body("evaluations[0].overStaged", equalTo(false))
                .body("evaluations[0].recordedForecast", equalTo(new java.math.BigDecimal("6000.00")))
                .body("evaluations[0].qualifiedForecast", equalTo(new java.math.BigDecimal("6000.00")))
                .body("evaluations[0].writeback.Over_Staged__c", equalTo(false))
                .body("evaluations[0].writeback.Qualified_Probability__c", equalTo(20))
                .body("summary.byCurrency.USD.gap", equalTo(new java.math.BigDecimal("0.00")));
    }

    @Test
    void overStagedOpportunityIsForecastAtItsQualifiedStage() {
        given().config(DECIMALS).contentType("application/json")
                .body(json("{\"id\": \"006O1\", \"stage\": \"Negotiation/Review\", \"amount\": 120000, \"currency\": \"USD\","
                        + " \"fields\": {\"Discovery_Meeting_Date__c\": \"2026-09-01\"}}"))
                .when().post("/api/evaluate")
                .then().statusCode(200)
                .body("evaluations[0].recordedStage.key", equalTo("decision"))
                .body("evaluations[0].qualifiedStage.key", equalTo("engagement"))
                .body("evaluations[0].qualifiedStage.crmStage", equalTo("Qualification"))
                .body("evaluations[0].overStaged", equalTo(true))
                .body("evaluations[0].recordedForecast", equalTo(new java.math.BigDecimal("108000.00")))
                .body("evaluations[0].qualifiedForecast", equalTo(new java.math.BigDecimal("12000.00")))
                .body("evaluations[0].qualifiedCategory", equalTo("PIPELINE"))
                .body("evaluations[0].debriefQuestions[0]", equalTo("Has the buyer taken part in a demonstration and scheduled a next step?"))
                .body("evaluations[0].writeback.Missing_Exit_Criteria__c", containsString("Demo attended, next step set"))
                .body("summary.overStaged", equalTo(1));
    }

    @Test
    void theSameOpportunityLosesQualificationWhenItsNextStepLapses() {
        String body = "[{\"id\": \"006T1\", \"stage\": \"Needs Analysis\", \"amount\": 1000, \"fields\": {" + NEEDS_ANALYSIS_FIELDS + "}}]";
        given().contentType("application/json").body(body).queryParam("asOf", "2026-11-26")
                .when().post("/api/evaluate")
                .then().statusCode(200).body("evaluations[0].qualifiedStage.key", equalTo("consideration_pain"));
        given().contentType("application/json").body(body).queryParam("asOf", "2026-11-27")
                .when().post("/api/evaluate")
                .then().statusCode(200).body("evaluations[0].qualifiedStage.key", equalTo("engagement"))
                .body("evaluations[0].criteria.find { it.key == 'demo_attended_next_step' }.observed",
                        equalTo("Demo_Date__c=2026-10-01, Next_Step_Date__c=2026-11-26"));
    }

    @Test
    void stageHistoryShowsAJumpThatSkippedCriteria() {
        given().contentType("application/json")
                .body(json("{\"id\": \"006J1\", \"stage\": \"Proposal/Price Quote\", \"amount\": 50000,"
                        + " \"fields\": {\"Discovery_Meeting_Date__c\": \"2026-09-01\"},"
                        + " \"history\": [{\"stage\": \"Proposal/Price Quote\", \"at\": \"2026-11-20T10:00:00Z\"},"
                        + "               {\"stage\": \"Qualification\", \"at\": \"2026-11-01T09:00:00Z\"}]}"))
                .when().post("/api/evaluate")
                .then().statusCode(200)
                .body("evaluations[0].stageSkip", equalTo(true))
                .body("evaluations[0].transitions", hasSize(1))
                .body("evaluations[0].transitions[0].kind", equalTo("ADVANCE"))
                .body("evaluations[0].transitions[0].skippedStages", equalTo(java.util.List.of("consideration_pain", "consideration_investment")))
                .body("evaluations[0].transitions[0].skippedCriteria", hasItem("demo_attended_next_step"))
                .body("evaluations[0].writeback.Stage_Skip__c", equalTo(true))
                .body("evaluations[0].writeback.Skipped_Criteria_Detail__c", containsString("2026-11-20 Qualification → Proposal/Price Quote: skipped"))
                .body("summary.movesSkippingCriteria", equalTo(1))
                .body("summary.movesSkippingStages", equalTo(1));
    }

    @Test
    void closedDealsCountTheirFullAmountOrNothing() {
        given().config(DECIMALS).contentType("application/json")
                .body(json("{\"id\": \"006W\", \"stage\": \"Closed Won\", \"amount\": 70000, \"currency\": \"EUR\"},"
                        + "{\"id\": \"006L\", \"stage\": \"Closed Lost\", \"amount\": 40000, \"currency\": \"EUR\"}"))
                .when().post("/api/evaluate")
                .then().statusCode(200)
                .body("evaluations[0].status", equalTo("WON"))
                .body("evaluations[0].qualifiedForecast", equalTo(new java.math.BigDecimal("70000.00")))
                .body("evaluations[0].qualifiedCategory", equalTo("CLOSED"))
                .body("evaluations[0].debriefQuestions[0]", equalTo("Was the hand-off to delivery impeccable?"))
                .body("evaluations[0].writeback.Next_Debrief_Question__c", nullValue())
                .body("evaluations[1].status", equalTo("LOST"))
                .body("evaluations[1].qualifiedForecast", equalTo(new java.math.BigDecimal("0.00")))
                .body("summary.won", equalTo(1))
                .body("summary.lost", equalTo(1))
                .body("summary.byCurrency.EUR.wonAmount", equalTo(new java.math.BigDecimal("70000.00")));
    }

    @Test
    void sampleExportGivesTheDocumentedTotalsPerCurrency() throws IOException {
        given().config(DECIMALS).contentType("text/csv").body(resource("samples/demo-salesforce.csv")).queryParam("asOf", "2026-11-26")
                .when().post("/api/evaluate")
                .then().statusCode(200)
                .body("summary.opportunities", equalTo(12))
                .body("summary.open", equalTo(10))
                .body("summary.overStaged", equalTo(4))
                .body("summary.stalled", equalTo(1))
                .body("summary.byCurrency.USD.recordedForecast", equalTo(new java.math.BigDecimal("376000.00")))
                .body("summary.byCurrency.USD.qualifiedForecast", equalTo(new java.math.BigDecimal("260000.00")))
                .body("summary.byCurrency.EUR.recordedForecast", equalTo(new java.math.BigDecimal("238500.00")))
                .body("summary.byCurrency.EUR.qualifiedForecast", equalTo(new java.math.BigDecimal("60500.00")))
                .body("evaluations", hasSize(12))
                .body("evaluations.find { it.id == '006A08' }.stalled", equalTo(true))
                .body("evaluations.find { it.id == '006A12' }.qualifiedStage.key", equalTo("engagement"));
    }

    @Test
    void hubspotPlaybookSentWithTheRequestIsUsed() throws IOException {
        String playbook = resource("playbooks/default-hubspot.yaml");
        String body = "{\"playbook\": " + quote(playbook) + ", \"asOf\": \"2026-11-26\", \"opportunities\": ["
                + "{\"id\": \"9001\", \"pipeline\": \"default\", \"stage\": \"contractsent\", \"amount\": \"10000\","
                + " \"fields\": {\"discovery_meeting_date\": \"1764115200000\"}}]}";
        given().config(DECIMALS).contentType("application/json").body(body)
                .when().post("/api/evaluate")
                .then().statusCode(200)
                .body("playbook", equalTo("Default buyer journey (HubSpot)"))
                .body("evaluations[0].qualifiedStage.key", equalTo("engagement"))
                .body("evaluations[0].qualifiedForecast", equalTo(new java.math.BigDecimal("2000.00")))
                .body("evaluations[0].writeback.stagegate_qualified_probability", equalTo(new java.math.BigDecimal("0.2")))
                .body("evaluations[0].writeback.stagegate_qualified_forecast_category", equalTo("PIPELINE"));
    }

    @Test
    void invalidPlaybookInTheRequestIsRefusedWithEveryProblemAndItsLine() {
        String playbook = "name: Broken\ncrm: salesforce\ncriteria:\n  a:\n    label: A\n    question: Q?\n    rule: { checkbox: 'Bad Name' }\n"
                + "pipelines:\n  - key: p\n    stages:\n      - key: s\n        crmStages: [{value: One, probability: 150}]\n        exitCriteria: [missing]\n"
                + "    won: {crmStages: [{value: Won, probability: 100}]}\n    lost: {crmStages: [{value: Lost, probability: 0}]}\n";
        given().contentType("application/json")
                .body("{\"playbook\": " + quote(playbook) + ", \"opportunities\": [{\"id\": \"1\", \"stage\": \"One\"}]}")
                .when().post("/api/evaluate")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid playbook"))
                .body("errors", hasSize(3))
                .body("errors[0].line", equalTo(7))
                .body("errors[0].message", containsString("'Bad Name' is not a Salesforce API name"))
                .body("errors[1].line", equalTo(12))
                .body("errors[1].message", containsString("outside 0–100"))
                .body("errors[2].line", equalTo(13))
                .body("errors[2].message", containsString("unknown criterion 'missing'"));
    }

    @Test
    void badCsvRowsAreAllReportedWithRecordLineIdAndField() {
        String csv = "Id,StageName,Amount,CurrencyIsoCode,CloseDate\n"
                + "006B1,Needs Analysis,1000,USD,2026-12-31\n"
                + "006B2,Needs Analysis,abc,USD,2026-12-31\n"
                + "006B3,Signed In Blood,1000,USD,2026-12-31\n"
                + ",Needs Analysis,1000,EURO,31/12/2026\n";
        given().contentType("text/csv").body(csv)
                .when().post("/api/evaluate")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("totalErrors", equalTo(5))
                .body("detail", containsString("record 1 (line 3), id 006B2, field Amount: 'abc' is not a number"))
                .body("errors[0].id", equalTo("006B2"))
                .body("errors[0].field", equalTo("Amount"))
                .body("errors[1].line", equalTo(4))
                .body("errors[1].field", equalTo("stage"))
                .body("errors[1].message", containsString("stage 'Signed In Blood' is not mapped in pipeline 'standard'"))
                .body("errors.findAll { it.line == 5 }.field", equalTo(java.util.List.of("CurrencyIsoCode", "CloseDate", "id")));
    }

    @Test
    void badJsonRecordsNameTheRecordAndField() {
        given().contentType("application/json")
                .body(json("{\"id\": \"1\", \"stage\": \"Prospecting\", \"amount\": -5},"
                        + "{\"id\": \"2\", \"stage\": \"Prospecting\", \"stageName\": \"x\"},"
                        + "{\"id\": \"3\", \"stage\": \"Prospecting\", \"fields\": {\"Demo_Date__c\": [1]}},"
                        + "{\"id\": \"1\", \"stage\": \"Prospecting\"}"))
                .when().post("/api/evaluate")
                .then().statusCode(400)
                .body("errors[0].record", equalTo(0))
                .body("errors[0].field", equalTo("amount"))
                .body("errors[1].field", equalTo("stageName"))
                .body("errors[2].field", equalTo("fields.Demo_Date__c"))
                .body("errors[3].message", equalTo("duplicate id (first at record 0)"));
    }

    @Test
    void malformedJsonSaysWhere() {
        given().contentType("application/json").body("{\"opportunities\": [{\"id\": \"1\",\n \"stage\": }]}")
                .when().post("/api/evaluate")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("line 2"));
    }

    @Test
    void emptyAndShapelessRequestsAreRefused() {
        given().contentType("application/json").body("{\"opportunities\": []}")
                .when().post("/api/evaluate").then().statusCode(400).body("detail", equalTo("the request holds no opportunities"));
        given().contentType("application/json").body("{\"rows\": []}")
                .when().post("/api/evaluate").then().statusCode(400).body("detail", containsString("unknown key \"rows\""));
        given().contentType("text/csv").body("Name,Amount\nx,1\n")
                .when().post("/api/evaluate").then().statusCode(400).body("detail", containsString("needs the columns Id and StageName"));
        given().contentType("application/json").body("[]").queryParam("asOf", "tomorrow")
                .when().post("/api/evaluate").then().statusCode(400).body("detail", containsString("asOf 'tomorrow' is not a date"));
    }

    @Test
    void uploadedCsvIsEvaluatedAgainstAnUploadedPlaybook() throws IOException {
        given().multiPart("opportunities", "export.csv", resource("samples/demo-salesforce.csv").getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("playbook", resource("playbooks/default-salesforce.yaml").replace("name: Default buyer journey (Salesforce)", "name: Pilot"))
                .queryParam("asOf", "2026-11-26").queryParam("summaryOnly", true)
                .when().post("/api/evaluate")
                .then().statusCode(200)
                .body("playbook", equalTo("Pilot"))
                .body("summary.overStaged", equalTo(4))
                .body("evaluations", nullValue());
    }

    @Test
    void hundredThousandRowsAreEvaluatedInConstantMemory() {
        StringBuilder csv = new StringBuilder("Id,StageName,Amount,CurrencyIsoCode,Discovery_Meeting_Date__c\n");
        String[] stages = {"Prospecting", "Qualification", "Needs Analysis", "Negotiation/Review", "Closed Won"};
        for (int i = 0; i < 100_000; i++) {
            csv.append("006").append(i).append(',').append(stages[i % stages.length]).append(",1000,")
                    .append(i % 2 == 0 ? "USD" : "EUR").append(',').append(i % 3 == 0 ? "" : "2026-10-01").append('\n');
        }
        given().contentType("text/csv").body(csv.toString()).queryParam("summaryOnly", true).queryParam("asOf", "2026-11-26")
                .when().post("/api/evaluate")
                .then().statusCode(200)
                .body("summary.opportunities", equalTo(100_000))
                .body("summary.won", equalTo(20_000))
                .body("summary.open", equalTo(80_000));
    }

    private static String resource(String location) throws IOException {
        try (InputStream in = EvaluateResourceTest.class.getClassLoader().getResourceAsStream(location)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
