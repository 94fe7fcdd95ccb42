package io.stagegate.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.stagegate.forecast.Period;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leaders' read APIs over rows written by hand, so every figure below is computed by hand in the comments. The test
 * profile configures no token, so reads are open here; {@code security/LeaderApiDoorsTest} closes the doors.
 */
@QuarkusTest
class LeaderApiTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final LocalDate NOV_15 = LocalDate.of(2026, 11, 15);

    @Inject
    Instance<Pool> pools;

    LeaderData data;

    @BeforeEach
    void clear() {
        data = new LeaderData(pools.get());
        data.clear();
    }

    @AfterEach
    void cleanUp() {
        data.clear();
    }

    // --- /api/forecast --------------------------------------------------------------------------------------------

    private void forecastOrg() {
        // jim: two open EUR deals in 2026-Q4 (one over-staged), one won in October, one lost (never counted)
        data.opportunity("SALESFORCE", "o1", "jim", "new", "EUR", "100000", NOV_15, "OPEN", true, "90000", "20000", List.of(), List.of());
        data.opportunity("SALESFORCE", "o2", "jim", "new", "EUR", "50000", LocalDate.of(2026, 12, 1), "OPEN", false, "25000", "25000", List.of(),
                List.of());
        data.opportunity("SALESFORCE", "o3", "jim", "new", "EUR", "40000", LocalDate.of(2026, 10, 20), "WON", false, "40000", "40000", List.of(),
                List.of());
        data.opportunity("SALESFORCE", "o7", "jim", "new", "EUR", "70000", LocalDate.of(2026, 11, 1), "LOST", false, "0", "0", List.of(), List.of());
        // maria: one EUR deal in November, one over-staged USD deal in 2027-Q1
        data.opportunity("SALESFORCE", "o4", "maria", "new", "EUR", "80000", LocalDate.of(2026, 11, 30), "OPEN", false, "60000", "60000", List.of(),
                List.of());
        data.opportunity("SALESFORCE", "o5", "maria", "new", "USD", "10000", LocalDate.of(2027, 1, 10), "OPEN", true, "9000", "1000", List.of(),
                List.of());
        // an owner named like a spreadsheet formula, a deal without close date
        data.opportunity("SALESFORCE", "o6", "=cmd|calc", "renewal", "EUR", "1000", null, "OPEN", false, "100", "100", List.of(), List.of());
        // another CRM's deal is not in a Salesforce forecast
        data.opportunity("HUBSPOT", "h1", "jim", "new", "EUR", "999999", NOV_15, "OPEN", false, "999999", "0", List.of(), List.of());
    }

    @Test
    void forecastRollsUpByOwnerQuarterPipelineAndCurrencyWithTheGap() {
        forecastOrg();
        JsonNode page = get("/api/forecast?crm=salesforce");
        assertThat(page.path("by").asText()).isEqualTo("quarter");
        JsonNode items = page.path("items");
        assertThat(keys(items)).containsExactly("=cmd|calc/null/renewal/EUR", "jim/2026-Q4/new/EUR", "maria/2026-Q4/new/EUR", "maria/2027-Q1/new/USD");
        JsonNode jim = items.get(1);
        assertThat(jim.path("periodStart").asText()).isEqualTo("2026-10-01");
        assertThat(jim.path("open").asLong()).isEqualTo(2);
        assertThat(jim.path("overStaged").asLong()).isEqualTo(1);
        decimal(jim.path("amount"), "150000");    // 100000 + 50000
        decimal(jim.path("recorded"), "115000");  // 90000 + 25000
        decimal(jim.path("qualified"), "45000");  // 20000 + 25000
        decimal(jim.path("gap"), "70000");
        decimal(jim.path("won"), "40000");        // o3; o7 lost counts nowhere
        decimal(items.get(3).path("gap"), "8000");
        assertThat(page.path("next").isNull()).isTrue();

        JsonNode totals = page.path("totals");
        assertThat(totals).hasSize(2);
        assertThat(totals.get(0).path("currency").asText()).isEqualTo("EUR");
        assertThat(totals.get(0).path("open").asLong()).isEqualTo(4);
        decimal(totals.get(0).path("recorded"), "175100"); // 115000 + 60000 + 100
        decimal(totals.get(0).path("qualified"), "105100");
        decimal(totals.get(0).path("gap"), "70000");
        decimal(totals.get(0).path("won"), "40000");
        decimal(totals.get(1).path("recorded"), "9000");
    }

    @Test
    void forecastFiltersAndPages() {
        forecastOrg();
        JsonNode november = get("/api/forecast?crm=salesforce&by=month&period=2026-11");
        assertThat(keys(november.path("items"))).containsExactly("jim/2026-11/new/EUR", "maria/2026-11/new/EUR");
        decimal(november.path("items").get(0).path("recorded"), "90000"); // o1 alone: o2 closes in December, o3 in October
        decimal(november.path("items").get(0).path("won"), "0");
        assertThat(keys(get("/api/forecast?crm=salesforce&owner=maria").path("items"))).containsExactly("maria/2026-Q4/new/EUR", "maria/2027-Q1/new/USD");
        assertThat(keys(get("/api/forecast?crm=salesforce&currency=USD&pipeline=new").path("items"))).containsExactly("maria/2027-Q1/new/USD");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("crm", "salesforce").queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonNode page = read(request.when().get("/api/forecast").then().statusCode(200).extract().asString());
            seen.addAll(keys(page.path("items")));
            cursor = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(2);
        assertThat(seen).containsExactly("=cmd|calc/null/renewal/EUR", "jim/2026-Q4/new/EUR", "maria/2026-Q4/new/EUR", "maria/2027-Q1/new/USD");
        given().queryParam("crm", "salesforce").queryParam("limit", 3).when().get("/api/forecast").then().statusCode(200)
                .header("Link", containsString("rel=\"next\"")).header("Link", containsString("cursor="));
    }

    @Test
    void forecastExportsCsvWithFormulasDefused() {
        forecastOrg();
        String csv = given().queryParam("crm", "salesforce").queryParam("format", "csv").when().get("/api/forecast").then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", containsString("forecast-quarter.csv")).extract().asString();
        assertThat(csv.split("\r\n")).containsExactly(
                "owner,period,pipeline,currency,open,over_staged,amount,recorded_forecast,qualified_forecast,gap,won",
                "'=cmd|calc,,renewal,EUR,1,0,1000,100,100,0,0",
                "jim,2026-Q4,new,EUR,2,1,150000,115000,45000,70000,40000",
                "maria,2026-Q4,new,EUR,1,0,80000,60000,60000,0,0",
                "maria,2027-Q1,new,USD,1,1,10000,9000,1000,8000,0");
        String accepted = given().header("Accept", "text/csv").queryParam("crm", "salesforce").when().get("/api/forecast").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertThat(accepted).isEqualTo(csv);
    }

    // --- /api/forecast/accuracy ------------------------------------------------------------------------------------

    private void accuracyHistory() {
        LocalDate q3 = LocalDate.of(2025, 7, 1);
        data.snapshot(q3, "jim", "EUR", "2025-08", "150000", "60000");
        data.snapshot(q3, "jim", "EUR", "2025-10", "999999", "999999"); // closes after Q3: not Q3's forecast
        data.snapshot(q3, "jim", "EUR", "", "777", "777");               // taken before close months were kept: unsplittable
        data.snapshot(q3, "maria", "EUR", "2025-09", "50000", "50000");
        data.snapshot(q3, "jim", "USD", "2025-07", "1000", "500");
        data.snapshot(q3.plusDays(1), "jim", "EUR", "2025-08", "1", "1");  // a later day of Q3: not its start
        data.snapshot(LocalDate.of(2025, 10, 3), "maria", "EUR", "2025-11", "30000", "10000"); // Q4's first snapshot was on the 3rd
        data.snapshot(Period.containing(Period.Unit.QUARTER, LocalDate.now()).start(), "maria", "EUR", "2099-01", "5", "5"); // not closed yet
        data.opportunity("SALESFORCE", "w1", "jim", "new", "EUR", "100000", LocalDate.of(2025, 8, 20), "WON", false, "100000", "100000", List.of(),
                List.of());
        data.opportunity("SALESFORCE", "w2", "maria", "new", "EUR", "60000", LocalDate.of(2025, 9, 10), "WON", false, "60000", "60000", List.of(),
                List.of());
        data.opportunity("SALESFORCE", "w3", "ana", "new", "EUR", "20000", LocalDate.of(2025, 7, 15), "WON", false, "20000", "20000", List.of(),
                List.of());
        data.opportunity("SALESFORCE", "w4", "maria", "new", "EUR", "10000", LocalDate.of(2025, 12, 5), "WON", false, "10000", "10000", List.of(),
                List.of());
        data.opportunity("SALESFORCE", "l1", "jim", "new", "EUR", "500000", LocalDate.of(2025, 8, 1), "LOST", false, "0", "0", List.of(), List.of());
    }

    @Test
    void accuracyOfClosedQuartersPerOwnerAndInTotal() {
        accuracyHistory();
        JsonNode items = get("/api/forecast/accuracy?crm=salesforce").path("items");
        List<String> lines = new ArrayList<>();
        items.forEach(line -> lines.add(line.path("period").asText() + "/" + line.path("currency").asText() + "/"
                + (line.path("total").asBoolean() ? "total" : line.path("owner").asText())));
        assertThat(lines).containsExactly("2025-Q4/EUR/total", "2025-Q4/EUR/maria", "2025-Q3/EUR/total", "2025-Q3/EUR/ana", "2025-Q3/EUR/jim",
                "2025-Q3/EUR/maria", "2025-Q3/USD/total", "2025-Q3/USD/jim");

        // Q4, maria: F = 30000 recorded (10000 qualified) as of Oct 3, A = 10000 → recorded error (30000 − 10000) / 10000 = 2, accuracy 0
        JsonNode q4 = items.get(1);
        assertThat(q4.path("forecastAsOf").asText()).isEqualTo("2025-10-03");
        score(q4.path("recorded"), "30000", "0", "2", "over");
        score(q4.path("qualified"), "10000", "1", "0", "exact");

        // Q3 in EUR: A = 100000 + 60000 + 20000 = 180000; recorded F = 150000 + 50000 = 200000 → error 20000 / 180000 = 0.1111,
        // accuracy 0.8889; qualified F = 60000 + 50000 = 110000 → error −70000 / 180000 = −0.3889, accuracy 0.6111
        JsonNode total = items.get(2);
        assertThat(total.path("forecastAsOf").asText()).isEqualTo("2025-07-01");
        assertThat(total.path("owner").isNull()).isTrue();
        decimal(total.path("won"), "180000");
        score(total.path("recorded"), "200000", "0.8889", "0.1111", "over");
        score(total.path("qualified"), "110000", "0.6111", "-0.3889", "under");
        // ana won 20000 nobody forecast: accuracy 0, error −1
        score(items.get(3).path("recorded"), "0", "0", "-1", "under");
        // jim: 150000 for 100000 recorded (optimist: +0.5), 60000 qualified (−0.4)
        score(items.get(4).path("recorded"), "150000", "0.5", "0.5", "over");
        score(items.get(4).path("qualified"), "60000", "0.6", "-0.4", "under");
        // maria: 50000 for 60000 → 1 − 10000 / 60000 = 0.8333, error −0.1667
        score(items.get(5).path("recorded"), "50000", "0.8333", "-0.1667", "under");
        // jim in USD forecast 1000 and won nothing: no ratio, accuracy 0, bias over
        JsonNode usd = items.get(7);
        score(usd.path("recorded"), "1000", "0", null, "over");
        decimal(usd.path("won"), "0");
    }

    @Test
    void eachRepsLeanOverThePeriodsOfThePage() {
        accuracyHistory();
        JsonNode reps = get("/api/forecast/accuracy?crm=salesforce").path("reps");
        List<String> who = new ArrayList<>();
        reps.forEach(rep -> who.add(rep.path("owner").asText() + "/" + rep.path("currency").asText() + "/" + rep.path("periods").asInt()));
        assertThat(who).containsExactly("ana/EUR/1", "jim/EUR/1", "jim/USD/1", "maria/EUR/2");
        // maria: Q3 50000 for 60000 (under), Q4 30000 for 10000 (over); summed 80000 for 70000 → +0.1429, accuracy 0.8571
        JsonNode maria = reps.get(3);
        assertThat(maria.path("recorded").path("over").asInt()).isEqualTo(1);
        assertThat(maria.path("recorded").path("under").asInt()).isEqualTo(1);
        decimal(maria.path("recorded").path("won"), "70000");
        score(maria.path("recorded").path("summed"), "80000", "0.8571", "0.1429", "over");
        // qualified: 50000 for 60000 (under), 10000 for 10000 (exact); summed 60000 for 70000 → −0.1429
        assertThat(maria.path("qualified").path("exact").asInt()).isEqualTo(1);
        score(maria.path("qualified").path("summed"), "60000", "0.8571", "-0.1429", "under");
        score(reps.get(1).path("recorded").path("summed"), "150000", "0.5", "0.5", "over");
    }

    @Test
    void accuracyPagesByWholePeriodsAndFilters() {
        accuracyHistory();
        JsonNode first = get("/api/forecast/accuracy?crm=salesforce&limit=1");
        assertThat(first.path("items")).allSatisfy(line -> assertThat(line.path("period").asText()).isEqualTo("2025-Q4"));
        JsonNode second = get("/api/forecast/accuracy?crm=salesforce&limit=1&cursor=" + first.path("next").asText());
        assertThat(second.path("items")).hasSize(6).allSatisfy(line -> assertThat(line.path("period").asText()).isEqualTo("2025-Q3"));
        assertThat(second.path("next").isNull()).isTrue();

        JsonNode jim = get("/api/forecast/accuracy?crm=salesforce&owner=jim&currency=EUR&period=2025").path("items");
        assertThat(jim).hasSize(2);
        score(jim.get(0).path("recorded"), "150000", "0.5", "0.5", "over"); // the total is jim's alone
        assertThat(jim.get(1).path("owner").asText()).isEqualTo("jim");

        JsonNode july = get("/api/forecast/accuracy?crm=salesforce&by=month&period=2025-07").path("items");
        // July's forecast on July 1: jim's USD deal closing in July (1000), and no EUR forecast; ana won 20000 EUR in July
        assertThat(july).hasSize(4);
        score(july.get(0).path("recorded"), "0", "0", "-1", "under");
        score(july.get(2).path("recorded"), "1000", "0", null, "over");

        String csv = given().queryParam("crm", "salesforce").queryParam("format", "csv").queryParam("period", "2025-Q4").when()
                .get("/api/forecast/accuracy").then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv.split("\r\n")).containsExactly(
                "period,forecast_as_of,owner,currency,won,recorded_forecast,recorded_accuracy,recorded_error,recorded_bias,"
                        + "qualified_forecast,qualified_accuracy,qualified_error,qualified_bias",
                "2025-Q4,2025-10-03,(all owners),EUR,10000,30000,0.0000,2.0000,over,10000,1.0000,0.0000,exact",
                "2025-Q4,2025-10-03,maria,EUR,10000,30000,0.0000,2.0000,over,10000,1.0000,0.0000,exact");
    }

    // --- /api/debrief ------------------------------------------------------------------------------------------------

    @Test
    void debriefListsOpenDealsWithUnmetCriteriaByOwnerLargestImpactFirst() {
        data.opportunity("SALESFORCE", "o1", "jim", "new", "EUR", "100000", NOV_15, "OPEN", true, "90000", "20000",
                List.of("Solution fit", "Budget confirmed"), List.of("Has the buyer confirmed solution fit?", "Has the buyer confirmed the budget?"));
        data.opportunity("SALESFORCE", "o2", "jim", "new", "EUR", "50000", NOV_15, "OPEN", false, "25000", "25000", List.of("Next step"),
                List.of("Is a next step scheduled?"));
        data.opportunity("SALESFORCE", "o4", "maria", "new", "EUR", "80000", NOV_15, "OPEN", false, "60000", "60000", List.of(), List.of());
        data.opportunity("SALESFORCE", "o5", "maria", "new", "USD", "10000", LocalDate.of(2027, 1, 10), "OPEN", true, "9000", "1000",
                List.of("Demo"), List.of("Has the buyer taken part in a demonstration?"));
        data.opportunity("SALESFORCE", "o6", "=cmd|calc", "new", "EUR", "1000", NOV_15, "OPEN", false, "100", "100", List.of("x"), List.of("=1+1"));
        data.opportunity("SALESFORCE", "o8", "jim", "new", "EUR", "5000", NOV_15, "WON", false, "5000", "5000", List.of("x"), List.of("closed: no debrief"));

        JsonNode items = get("/api/debrief?crm=salesforce").path("items");
        List<String> order = new ArrayList<>();
        items.forEach(item -> order.add(item.path("owner").asText() + "/" + item.path("opportunityId").asText()));
        assertThat(order).containsExactly("=cmd|calc/o6", "jim/o1", "jim/o2", "maria/o5");
        JsonNode o1 = items.get(1);
        decimal(o1.path("impact"), "70000"); // 90000 − 20000
        assertThat(o1.path("questions").get(1).asText()).isEqualTo("Has the buyer confirmed the budget?");
        assertThat(o1.path("unmetCriteria")).hasSize(2);
        assertThat(o1.path("unmetCriteria").get(0).path("label").asText()).isEqualTo("Solution fit");
        assertThat(o1.path("unmetCriteria").get(0).path("observed").asText()).isEqualTo("empty");
        decimal(items.get(3).path("impact"), "8000");

        JsonNode first = get("/api/debrief?crm=salesforce&limit=2");
        assertThat(first.path("items")).hasSize(2);
        JsonNode rest = get("/api/debrief?crm=salesforce&limit=2&cursor=" + first.path("next").asText()).path("items");
        assertThat(rest.get(0).path("opportunityId").asText()).isEqualTo("o2");
        assertThat(rest.get(1).path("opportunityId").asText()).isEqualTo("o5");
        assertThat(get("/api/debrief?crm=salesforce&owner=jim&period=2026-11").path("items")).hasSize(2);
        assertThat(get("/api/debrief?crm=salesforce&currency=USD").path("items")).hasSize(1);

        String csv = given().queryParam("crm", "salesforce").queryParam("owner", "jim").queryParam("format", "csv").when().get("/api/debrief").then()
                .statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv).startsWith("owner,opportunity_id,pipeline,stage,recorded_stage,qualified_stage,currency,amount,close_date,"
                + "recorded_forecast,qualified_forecast,impact,unmet_criteria,questions\r\n"
                + "jim,o1,new,Stage of o1,recorded_key,qualified_key,EUR,100000,2026-11-15,90000,20000,70000,\"Solution fit\nBudget confirmed\","
                + "\"Has the buyer confirmed solution fit?\nHas the buyer confirmed the budget?\"\r\n");
        String injected = given().queryParam("crm", "salesforce").queryParam("owner", "=cmd|calc").queryParam("format", "csv").when()
                .get("/api/debrief").then().statusCode(200).extract().asString();
        assertThat(injected).contains("\r\n'=cmd|calc,o6,").endsWith(",x,'=1+1\r\n");
    }

    // --- /api/jumps ----------------------------------------------------------------------------------------------------

    @Test
    void jumpsListSkipsAndRegressionsNewestFirst() {
        data.move("o1", "jim", "Qualification", "Negotiation/Review", "2026-11-10T10:00:00Z", "ADVANCE", "[\"pain\",\"investment\"]",
                "[{\"key\":\"fit\",\"label\":\"Solution fit\",\"stageIndex\":2,\"observed\":\"empty\"}]");
        data.move("o4", "maria", "Needs Analysis", "Value Proposition", "2026-11-12T10:00:00Z", "ADVANCE", "[]", "[]");
        data.move("o5", "maria", "Value Proposition", "Needs Analysis", "2026-10-05T08:30:00Z", "REGRESSION", "[]", "[]");
        data.move("o2", "jim", "Prospecting", "Needs Analysis", "2026-09-30T23:00:00Z", "ADVANCE", "[\"engagement\"]", "[]");

        JsonNode items = get("/api/jumps?crm=salesforce").path("items");
        assertThat(ids(items)).containsExactly("o1", "o5", "o2"); // o4 moved one stage with its criteria met: not a jump
        JsonNode o1 = items.get(0);
        assertThat(o1.path("skippedCriteria").asBoolean()).isTrue();
        assertThat(o1.path("skippedStages").asBoolean()).isTrue();
        assertThat(o1.path("movedAt").asText()).isEqualTo("2026-11-10T10:00:00Z");
        assertThat(o1.path("unmetCriteria").get(0).path("label").asText()).isEqualTo("Solution fit");
        assertThat(o1.path("skippedStageKeys").get(1).asText()).isEqualTo("investment");
        assertThat(items.get(1).path("regression").asBoolean()).isTrue();

        assertThat(ids(get("/api/jumps?crm=salesforce&type=regression").path("items"))).containsExactly("o5");
        assertThat(ids(get("/api/jumps?crm=salesforce&type=skipped-criteria").path("items"))).containsExactly("o1");
        assertThat(ids(get("/api/jumps?crm=salesforce&type=skipped-stages,regression").path("items"))).containsExactly("o1", "o5", "o2");
        assertThat(ids(get("/api/jumps?crm=salesforce&period=2026-Q4").path("items"))).containsExactly("o1", "o5");
        assertThat(ids(get("/api/jumps?crm=salesforce&owner=jim").path("items"))).containsExactly("o1", "o2");
        assertThat(ids(get("/api/jumps?crm=salesforce&pipeline=renewal").path("items"))).isEmpty();

        JsonNode first = get("/api/jumps?crm=salesforce&limit=2");
        assertThat(ids(first.path("items"))).containsExactly("o1", "o5");
        assertThat(ids(get("/api/jumps?crm=salesforce&limit=2&cursor=" + first.path("next").asText()).path("items"))).containsExactly("o2");

        String csv = given().queryParam("crm", "salesforce").queryParam("type", "skipped-criteria").header("Accept", "text/csv").when().get("/api/jumps")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv).isEqualTo("moved_at,owner,opportunity_id,pipeline,from,to,kind,skipped_stages,unmet_criteria,source\r\n"
                + "2026-11-10T10:00:00Z,jim,o1,new,Qualification,Negotiation/Review,ADVANCE,pain investment,Solution fit,history\r\n");
    }

    // --- /api/audit ------------------------------------------------------------------------------------------------------

    @Test
    void auditListsSyncActionsAndPlaybookVersionsNewestFirst() {
        data.audit("2026-11-01T08:00:00Z", "system", "sweep.started", "{\"until\":\"2026-11-01T08:00:00Z\"}");
        data.audit("2026-11-20T09:00:00Z", "api:admin", "dead-letters.replayed", "{\"count\":3,\"ids\":[]}");
        data.audit("2026-10-30T09:00:00Z", "api:admin", "poll.requested", "{}");
        long version = data.playbookVersion("2026-11-15T12:00:00Z", "leader-test:alice");

        JsonNode items = get("/api/audit?period=2026-11").path("items");
        List<String> actions = new ArrayList<>();
        items.forEach(entry -> actions.add(entry.path("action").asText() + "@" + entry.path("actor").asText()));
        assertThat(actions).containsExactly("dead-letters.replayed@api:admin", "playbook.activated@leader-test:alice", "sweep.started@system");
        JsonNode activation = items.get(1);
        assertThat(activation.path("id").asText()).isEqualTo("playbook:" + version);
        assertThat(activation.path("at").asText()).isEqualTo("2026-11-15T12:00:00Z");
        assertThat(activation.path("detail").path("version").asLong()).isEqualTo(version);
        assertThat(items.get(0).path("detail").path("count").asInt()).isEqualTo(3);

        assertThat(get("/api/audit?action=playbook&actor=leader-test:alice").path("items")).hasSize(1);
        assertThat(get("/api/audit?action=sweep&period=2026").path("items")).hasSize(1);
        assertThat(get("/api/audit?action=poll.requested").path("items").get(0).path("at").asText()).isEqualTo("2026-10-30T09:00:00Z");
        JsonNode first = get("/api/audit?period=2026-11&limit=2");
        assertThat(first.path("items")).hasSize(2);
        JsonNode rest = get("/api/audit?period=2026-11&limit=2&cursor=" + first.path("next").asText()).path("items");
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).path("action").asText()).isEqualTo("sweep.started");

        String csv = given().queryParam("action", "dead-letters").queryParam("format", "csv").when().get("/api/audit").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv).isEqualTo("at,actor,action,crm,id,detail\r\n" + "2026-11-20T09:00:00Z,api:admin,dead-letters.replayed,SALESFORCE,"
                + items.get(0).path("id").asText() + ",\"{\"\"ids\"\":[],\"\"count\"\":3}\"\r\n"); // as jsonb orders keys
    }

    @Test
    void auditTellsAnActivationFromARollbackWithTheAdminsReason() {
        long activated = data.playbookVersion("2026-11-16T09:00:00Z", "leader-test:alice", "activate", "stricter demo criterion", null);
        long rolledBack = data.playbookVersion("2026-11-16T10:00:00Z", "leader-test:bob", "rollback", "the demo rule flagged every deal", activated);

        JsonNode items = get("/api/audit?action=playbook&period=2026-11").path("items");
        assertThat(items).hasSize(2);
        JsonNode rollback = items.get(0);
        assertThat(rollback.path("id").asText()).isEqualTo("playbook:" + rolledBack);
        assertThat(rollback.path("action").asText()).isEqualTo("playbook.rolled-back");
        assertThat(rollback.path("actor").asText()).isEqualTo("leader-test:bob");
        assertThat(rollback.path("detail").path("activation").asText()).isEqualTo("rollback");
        assertThat(rollback.path("detail").path("reason").asText()).isEqualTo("the demo rule flagged every deal");
        assertThat(rollback.path("detail").path("restoredFrom").asLong()).isEqualTo(activated);
        JsonNode activation = items.get(1);
        assertThat(activation.path("action").asText()).isEqualTo("playbook.activated");
        assertThat(activation.path("detail").path("activation").asText()).isEqualTo("activate");
        assertThat(activation.path("detail").path("reason").asText()).isEqualTo("stricter demo criterion");
        assertThat(activation.path("detail").has("restoredFrom")).as("only a rollback restores").isFalse();
        assertThat(get("/api/audit?action=playbook.rolled-back&period=2026-11").path("items")).hasSize(1);
    }

    // --- bounds --------------------------------------------------------------------------------------------------------

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        String otherListsCursor = get("/api/forecast?crm=salesforce&limit=1").path("next").asText(null);
        String[][] cases = {
                {"/api/forecast?crm=salesforce&limit=0", "limit"},
                {"/api/forecast?crm=salesforce&limit=501", "limit"},
                {"/api/forecast?crm=salesforce&limit=ten", "limit"},
                {"/api/forecast?crm=salesforce&format=csv&limit=5001", "limit"},
                {"/api/forecast?crm=salesforce&by=week", "by"},
                {"/api/forecast?crm=salesforce&period=2026-Q5", "period"},
                {"/api/forecast?crm=pipedrive", "crm"},
                {"/api/forecast?crm=salesforce&format=xml", "format"},
                {"/api/forecast?crm=salesforce&cursor=not-a-cursor", "cursor"},
                {"/api/forecast?crm=salesforce&owner=" + "x".repeat(201), "owner"},
                {"/api/forecast?crm=salesforce&owner= ", "owner"},
                {"/api/forecast/accuracy?crm=salesforce&limit=41", "limit"},
                {"/api/forecast/accuracy?crm=salesforce&cursor=" + Listing.cursor("accuracy-quarter", List.of("not a day")), "cursor"},
                {"/api/debrief?crm=salesforce&cursor=" + Listing.cursor("debrief", List.of("jim", "NaN", "o1")), "cursor"},
                {"/api/debrief?crm=salesforce&currency=" + "E".repeat(300), "currency"},
                {"/api/jumps?crm=salesforce&type=sideways", "type"},
                {"/api/jumps?crm=salesforce&cursor=" + Listing.cursor("forecast-quarter", List.of("a", "2026-01-01", "b", "c")), "cursor"},
                {"/api/audit?crm=pipedrive", "crm"},
                {"/api/audit?period=yesterday", "period"},
                {"/api/audit?limit=-1", "limit"}};
        for (String[] c : cases) {
            given().when().get(c[0]).then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400)).body("errors[0].parameter", equalTo(c[1])).body("detail", containsString(c[1]));
        }
        assertThat(otherListsCursor).as("no rows, no cursor").isNull();
    }

    @Test
    void theOpenApiDocumentShowsAJsonAndACsvExampleOfEveryList() {
        JsonNode paths = read(given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString()).path("paths");
        for (String path : new String[] {"/api/forecast", "/api/forecast/accuracy", "/api/debrief", "/api/jumps", "/api/audit"}) {
            JsonNode content = paths.path(path).path("get").path("responses").path("200").path("content");
            assertThat(content.path("application/json").path("examples").size()).as(path).isPositive();
            assertThat(content.path("text/csv").path("examples").size()).as(path).isPositive();
            assertThat(paths.path(path).path("get").path("parameters").size()).as(path).isGreaterThanOrEqualTo(5);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------------

    private static JsonNode get(String path) {
        return read(given().when().get(path).then().statusCode(200).contentType("application/json").extract().asString());
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static List<String> keys(JsonNode items) {
        List<String> keys = new ArrayList<>();
        items.forEach(item -> keys.add(item.path("owner").asText() + "/" + item.path("period").asText() + "/" + item.path("pipeline").asText() + "/"
                + item.path("currency").asText()));
        return keys;
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("opportunityId").asText()));
        return ids;
    }

    private static void decimal(JsonNode node, String expected) {
        assertThat(node.isNumber()).as("%s is a number", node).isTrue();
        assertThat(node.decimalValue()).isEqualByComparingTo(expected);
    }

    private static void score(JsonNode score, String forecast, String accuracy, String error, String bias) {
        decimal(score.path("forecast"), forecast);
        decimal(score.path("accuracy"), accuracy);
        if (error == null) {
            assertThat(score.path("error").isNull()).as("error of %s", score).isTrue();
        } else {
            decimal(score.path("error"), error);
        }
        assertThat(score.path("bias").asText()).isEqualTo(bias);
    }
}
