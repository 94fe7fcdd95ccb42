package io.stagegate.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.config.EngineProducer;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real browser (headless Chromium), against the embedded sandbox synced into the database: the journeys
 * of a sales leader, a RevOps admin and a viewer, with a screenshot of each step under target/screenshots.
 */
@QuarkusTest
@TestProfile(WebUiProfile.class)
class BrowserJourneysTest {
    /** The shipped playbook made stricter: Needs Analysis now also needs the budget confirmed, so qualified stages move. */
    private static final String STRICTER = EngineProducer.shipped("salesforce").yaml().replace(
            "exitCriteria: [demo_attended_next_step, technical_teams_met_next_step]",
            "exitCriteria: [demo_attended_next_step, technical_teams_met_next_step, budget_confirmed_next_step]");

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    URL base;

    ChromeDriver browser;

    @BeforeEach
    void open() {
        browser = Browser.start();
        SyncedSandbox.ensure();
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        SyncedSandbox.restoreShipped();
    }

    @Test
    void aLeaderReadsTheForecastAndOpensAnOpportunityFromTheDebriefAgenda() {
        go("ui/forecast");
        signIn(WebUiProfile.VIEWER);
        assertThat(browser.getCurrentUrl()).endsWith("/ui/forecast");
        List<WebElement> totals = browser.findElements(By.cssSelector("#totals tbody tr"));
        assertThat(totals).as("one total per currency of the sandbox").isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("figure.chart svg title")).getAttribute("textContent")).contains("recorded by reps");
        assertThat(browser.findElements(By.cssSelector("svg rect.qualified"))).isNotEmpty();
        Browser.screenshot(browser, "1-leader-forecast");

        WebElement owner = browser.findElement(By.cssSelector("#rollups tbody tr td a"));
        String name = owner.getText();
        follow(owner);
        assertThat(browser.findElement(By.tagName("h2")).getText()).startsWith(name + ":");
        Browser.screenshot(browser, "2-leader-debrief");

        WebElement opportunity = browser.findElement(By.cssSelector(".owner-agenda tbody a"));
        String id = opportunity.getText();
        follow(opportunity);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Opportunity " + id);
        assertThat(browser.findElement(By.id("facts")).getText()).contains(name);
        assertThat(browser.findElements(By.cssSelector("#criteria td.unmet"))).as("it is on the agenda for an unmet criterion").isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#questions li"))).isNotEmpty();
        Browser.screenshot(browser, "3-leader-opportunity");
    }

    @Test
    void anAdminValidatesPreviewsAndActivatesAPlaybookChangeThroughTheForm() {
        go("ui/playbook");
        signIn(WebUiProfile.ADMIN);
        // a typo first: the problem is shown with its line, and nothing is saved
        setYaml(STRICTER.replace("budget_confirmed_next_step]", "budget_confirmed_nxt_step]"));
        follow(browser.findElement(By.id("validate")));
        assertThat(browser.findElement(By.id("invalid")).getText()).contains("problem");
        WebElement problem = browser.findElement(By.cssSelector("#problems tbody tr"));
        assertThat(problem.getText()).contains("budget_confirmed_nxt_step");
        assertThat(Integer.parseInt(problem.findElement(By.cssSelector("td.num")).getText())).isPositive();
        Browser.screenshot(browser, "4-admin-validation-by-line");

        setYaml(STRICTER);
        follow(browser.findElement(By.id("preview")));
        String summary = browser.findElement(By.id("impact-summary")).getText();
        int changed = Integer.parseInt(summary.substring(0, summary.indexOf(' ')));
        assertThat(changed).as("a stricter Needs Analysis moves qualified stages: " + summary).isPositive();
        assertThat(browser.findElements(By.cssSelector("#impact-rollups tbody tr"))).isNotEmpty();
        assertThat(browser.findElement(By.id("yaml")).getAttribute("value")).as("the editor keeps the candidate").isEqualTo(STRICTER);
        Browser.screenshot(browser, "5-admin-preview");

        browser.findElement(By.id("reason")).sendKeys("Needs Analysis also needs the budget confirmed (browser test)");
        follow(browser.findElement(By.id("activate")));
        assertThat(browser.findElements(By.id("refusal")).stream().map(WebElement::getText).toList()).as("refusals").isEmpty();
        assertThat(browser.findElement(By.id("done")).getText()).contains("is active");
        assertThat(browser.findElement(By.id("versions")).getText()).contains("Needs Analysis also needs the budget confirmed (browser test)");
        Browser.screenshot(browser, "6-admin-activated");
        given().header("Authorization", "Bearer " + WebUiProfile.ADMIN).when().get("/api/playbook").then().statusCode(200)
                .body("active.reason", equalTo("Needs Analysis also needs the budget confirmed (browser test)"))
                .body("active.activatedBy", equalTo("api:admin-token-1"));
    }

    @Test
    void aViewerSeesNoAdminActionAndTheKeyboardReachesTheContentFirst() {
        go("ui/playbook");
        signIn(WebUiProfile.VIEWER);
        assertThat(browser.findElement(By.id("read-only")).getText()).contains("changes need an admin");
        assertThat(browser.findElements(By.id("yaml"))).isEmpty();
        assertThat(browser.findElements(By.id("activate"))).isEmpty();
        assertThat(browser.findElements(By.xpath("//button[contains(., 'Roll back')]"))).isEmpty();
        assertThat(browser.findElement(By.id("versions")).getText()).contains("startup");
        Browser.screenshot(browser, "7-viewer-playbook");

        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to the content");
    }

    @Test
    void anAdminOpensEveryPageFromTheNavigationAndRunsABacktest() throws Exception {
        pool.query("DELETE FROM backtest_run").execute().await().atMost(Duration.ofSeconds(10));
        go("ui/forecast");
        signIn(WebUiProfile.ADMIN);
        assertThat(browser.findElement(By.cssSelector("figure.chart svg")).isDisplayed()).isTrue();
        Browser.screenshot(browser, "8-every-forecast");
        String[][] pages = {
            {"Debrief agenda", ".owner-agenda", "9-every-debrief"},
            {"Stage jumps", "#jumps", "10-every-jumps"},
            {"Accuracy", "#accuracy", "11-every-accuracy"},
            {"Playbook", "#versions", "12-every-playbook"},
            {"Sync status", "#sync-status", "13-every-sync"},
            {"Audit", "#audit", "14-every-audit"},
            {"Backtest", "#start-form", "15-every-backtest"}};
        for (String[] page : pages) {
            follow(browser.findElement(By.linkText(page[0])));
            assertThat(browser.findElement(By.cssSelector("nav a[aria-current='page']")).getText()).isEqualTo(page[0]);
            assertThat(browser.findElement(By.cssSelector(page[1])).isDisplayed()).as(page[0]).isTrue();
            Browser.screenshot(browser, page[2]);
        }

        WebElement quarters = browser.findElement(By.name("quarters"));
        quarters.clear();
        quarters.sendKeys("1");
        follow(browser.findElement(By.id("start")));
        assertThat(browser.findElement(By.id("started")).getText()).contains("was queued");
        Instant deadline = Instant.now().plusSeconds(120);
        while (!browser.findElement(By.id("run-state")).getText().matches("done|failed.*") && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            browser.navigate().refresh();
        }
        assertThat(browser.findElement(By.id("run-state")).getText()).isEqualTo("done");
        assertThat(browser.findElements(By.cssSelector("section.backtest-section svg rect.won"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("table.backtest-quarters tbody th")).getText()).matches("\\d{4}-Q[1-4]");
        Browser.screenshot(browser, "16-every-backtest-done");

        go("ui/debrief");
        follow(browser.findElement(By.cssSelector(".owner-agenda tbody a")));
        assertThat(browser.findElement(By.id("criteria")).isDisplayed()).isTrue();
        Browser.screenshot(browser, "17-every-opportunity");
    }

    private void go(String path) {
        browser.get(base.toString() + path);
    }

    /** The page sent the browser to sign in; it comes back where it was going. */
    private void signIn(String token) {
        assertThat(browser.getCurrentUrl()).contains("/ui/signin");
        browser.findElement(By.id("token")).sendKeys(token);
        follow(browser.findElement(By.cssSelector("form.signin button")));
        assertThat(browser.findElement(By.id("who")).getText()).startsWith("Signed in as");
    }

    /**
     * Clicks a link or a submit button and waits until the next page replaced this one: a click returns as soon as the
     * browser took it, and on a loaded machine the old page can still be there for a moment.
     */
    private void follow(WebElement element) {
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.stalenessOf(element));
    }

    /** Puts a whole playbook into the editor at once (typing 20 kB key by key would only slow the test down). */
    private void setYaml(String yaml) {
        browser.executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id("yaml")), yaml);
    }
}
