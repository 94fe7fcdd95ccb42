package io.stagegate.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.stagegate.config.EngineProducer;
import io.stagegate.security.WebSessions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web UI's doors and pages over HTTP: sign-in, the session cookie, CSRF on every change, what each role sees. */
@QuarkusTest
@TestProfile(WebUiProfile.class)
class WebPagesTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @BeforeEach
    void synced() {
        SyncedSandbox.ensure();
    }

    @AfterEach
    void shipped() {
        SyncedSandbox.restoreShipped();
    }

    static String signIn(String token) {
        Response answer = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("token", token).formParam("next", "/ui/forecast").when().post("/ui/signin");
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.header("Location")).endsWith("/ui/forecast");
        String cookie = answer.header("Set-Cookie");
        assertThat(cookie).contains(WebSessions.COOKIE + "=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .doesNotContain(token);
        return answer.cookie(WebSessions.COOKIE);
    }

    static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("the page carries a CSRF token").isTrue();
        return m.group(1);
    }

    @Test
    void aBrowserWithoutSessionIsSentToSignInAndAScriptGetsTheApiProblem() {
        given().redirects().follow(false).accept("text/html").when().get("/ui/forecast?owner=x").then().statusCode(303)
                .header("Location", containsString("/ui/signin?next=%2Fui%2Fforecast%3Fowner%3Dx"));
        given().when().get("/ui/forecast").then().statusCode(401).contentType("application/problem+json");
        given().redirects().follow(false).accept("text/html").when().get("/").then().statusCode(303);
        given().when().get("/ui/signin").then().statusCode(200).body(containsString("Access token"));
    }

    @Test
    void withoutSingleSignOnConfiguredThePageOffersTokensOnlyAndItsPathsSaySo() {
        given().when().get("/ui/signin").then().statusCode(200).body(not(containsString("single sign-on")));
        for (String path : new String[] {"/ui/signin/sso", "/ui/signin/callback?state=s&code=c"}) {
            given().redirects().follow(false).when().get(path).then().statusCode(404).contentType("text/html")
                    .body(containsString("Single sign-on is not configured on this instance"));
        }
    }

    @Test
    void aWrongTokenIsRefusedAndAForgedOrForeignCookieIsNoSession() {
        given().contentType("application/x-www-form-urlencoded").formParam("token", "not-a-token-we-know-1234").when().post("/ui/signin")
                .then().statusCode(401).body(containsString("not one this service accepts"));
        String viewer = signIn(WebUiProfile.VIEWER);
        String forged = viewer.replace(".viewer.", ".admin.");
        for (String cookie : new String[] {forged, viewer + "x", "v1.admin.1.99999999999.AAAA.BBBB"}) {
            given().redirects().follow(false).accept("text/html").cookie(WebSessions.COOKIE, cookie).when().get("/ui/playbook").then()
                    .statusCode(303);
        }
    }

    @Test
    void theSessionCookieOpensTheUiButNeverTheApi() {
        String viewer = signIn(WebUiProfile.VIEWER);
        given().cookie(WebSessions.COOKIE, viewer).when().get("/ui/forecast").then().statusCode(200).body(containsString("Signed in as viewer-token-1"));
        given().cookie(WebSessions.COOKIE, viewer).when().get("/api/sync").then().statusCode(401);
        given().cookie(WebSessions.COOKIE, viewer).contentType("text/plain").body("x").when().post("/api/sync/poll").then().statusCode(401);
    }

    @Test
    void everyPageShowsTheSyncedSandboxToAViewer() {
        String viewer = signIn(WebUiProfile.VIEWER);
        String forecast = page(viewer, "/ui/forecast");
        assertThat(forecast).contains("Totals per currency", "<svg", "Rollups per owner");
        String debrief = page(viewer, "/ui/debrief");
        Matcher opportunity = Pattern.compile("href=\"/ui/opportunities/salesforce/([^\"]+)\"").matcher(debrief);
        assertThat(opportunity.find()).as("the agenda links its opportunities").isTrue();
        assertThat(page(viewer, "/ui/opportunities/salesforce/" + opportunity.group(1))).contains("Exit criteria", "not met", "Questions for the debrief");
        assertThat(page(viewer, "/ui/jumps?type=all")).contains("Stage jumps", "<table id=\"jumps\"");
        assertThat(page(viewer, "/ui/sync")).contains("writeBack", "syncedUpTo");
        given().cookie(WebSessions.COOKIE, viewer).when().get("/ui/opportunities/salesforce/nope").then().statusCode(404)
                .body(containsString("has been synced"));
        String playbook = page(viewer, "/ui/playbook");
        assertThat(playbook).contains("Versions", "Reading only").doesNotContain("action=\"/ui/playbook", "id=\"activate\"", "Roll back");
    }

    @Test
    void aViewerCannotChangeThePlaybookThroughTheForms() {
        String viewer = signIn(WebUiProfile.VIEWER);
        String csrf = csrfOf(page(viewer, "/ui/forecast")); // the sign-out form's token: a viewer has one too
        given().cookie(WebSessions.COOKIE, viewer).contentType("application/x-www-form-urlencoded").formParam("csrf", csrf)
                .formParam("yaml", EngineProducer.shipped("salesforce").yaml()).formParam("reason", "viewer tries")
                .when().post("/ui/playbook/activate").then().statusCode(403);
    }

    @Test
    void anAdminFormWithoutTheSessionsCsrfTokenChangesNothing() {
        String admin = signIn(WebUiProfile.ADMIN);
        String other = csrfOf(page(signIn(WebUiProfile.ADMIN), "/ui/playbook")); // another session's token
        for (String csrf : new String[] {null, "", other}) {
            var request = given().cookie(WebSessions.COOKIE, admin).contentType("application/x-www-form-urlencoded")
                    .formParam("yaml", "name: x").formParam("reason", "forged");
            if (csrf != null) {
                request.formParam("csrf", csrf);
            }
            request.when().post("/ui/playbook/activate").then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void anAdminSeesProblemsByLineBeforeAnythingIsSaved() {
        String admin = signIn(WebUiProfile.ADMIN);
        String csrf = csrfOf(page(admin, "/ui/playbook"));
        String broken = EngineProducer.shipped("salesforce").yaml().replaceFirst("rule: \\{ checkbox: Solution", "rule: { checkbx: Solution");
        given().cookie(WebSessions.COOKIE, admin).contentType("application/x-www-form-urlencoded").formParam("csrf", csrf)
                .formParam("yaml", broken).formParam("reason", "typo").when().post("/ui/playbook/activate").then().statusCode(400)
                .body(containsString("checkbx")).body(containsString("<table id=\"problems\""));
        given().cookie(WebSessions.COOKIE, admin).when().get("/api/playbook/versions").then().statusCode(401);
        given().header("Authorization", "Bearer " + WebUiProfile.ADMIN).when().get("/api/playbook").then().statusCode(200)
                .body("active.sha256", equalTo(EngineProducer.shipped("salesforce").sha256())).body("active.reason", not(equalTo("typo")));
    }

    @Test
    void anAdminRollsBackThroughTheFormAndSignsOut() {
        String stricter = EngineProducer.shipped("salesforce").yaml().replace("exitCriteria: [demo_attended_next_step, technical_teams_met_next_step]",
                "exitCriteria: [demo_attended_next_step, technical_teams_met_next_step, budget_confirmed_next_step]");
        String admin = signIn(WebUiProfile.ADMIN);
        String csrf = csrfOf(page(admin, "/ui/playbook"));
        Response activated = given().redirects().follow(false).cookie(WebSessions.COOKIE, admin).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf).formParam("yaml", stricter).formParam("reason", "stricter needs analysis")
                .when().post("/ui/playbook/activate");
        assertThat(activated.statusCode()).isEqualTo(303);
        long version = Long.parseLong(activated.header("Location").replaceAll(".*activated=", ""));
        long shipped = given().header("Authorization", "Bearer " + WebUiProfile.ADMIN).when().get("/api/playbook/versions?limit=100").then()
                .statusCode(200).extract().jsonPath().getLong("versions.find { it.sha256 == '" + EngineProducer.shipped("salesforce").sha256()
                        + "' }.version");
        assertThat(page(admin, "/ui/playbook?activated=" + version)).contains("Version " + version + " is active", "stricter needs analysis",
                "/ui/playbook/versions/" + shipped + "/rollback");

        given().redirects().follow(false).cookie(WebSessions.COOKIE, admin).contentType("application/x-www-form-urlencoded").formParam("csrf", csrf)
                .when().post("/ui/playbook/versions/" + shipped + "/rollback").then().statusCode(303);
        given().header("Authorization", "Bearer " + WebUiProfile.ADMIN).when().get("/api/playbook").then().statusCode(200)
                .body("active.sha256", equalTo(EngineProducer.shipped("salesforce").sha256()))
                .body("active.restoredFrom", equalTo((int) shipped)).body("active.activatedBy", equalTo("api:admin-token-1"));

        Response out = given().redirects().follow(false).cookie(WebSessions.COOKIE, admin).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf).when().post("/ui/signout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Set-Cookie")).startsWith(WebSessions.COOKIE + "=").containsIgnoringCase("Max-Age=0");
    }

    private static String page(String cookie, String path) {
        return given().cookie(WebSessions.COOKIE, cookie).when().get(path).then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
    }
}
