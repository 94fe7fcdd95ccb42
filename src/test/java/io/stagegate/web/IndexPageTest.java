package io.stagegate.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.stagegate.persistence.PlaybookVersions;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IndexPageTest {
    @Inject
    PlaybookVersions versions;

    @Test
    void landingPageShowsTheSampleVerdictsAndThePlaybook() {
        given().when().get("/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<strong>4 of 10</strong> open opportunities are"))
                .body(containsString("Has the buyer scheduled a discovery meeting?"))
                .body(containsString("Negotiation/Review (90 %)"))
                .body(containsString("376,000"));
    }

    @Test
    void healthIncludesTheDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body(containsString("Reactive PostgreSQL connections health check"));
    }

    @Test
    @RunOnVertxContext
    void activePlaybookIsRecordedOnceAcrossRestarts(UniAsserter asserter) {
        asserter.assertThat(() -> versions.count(), count -> org.assertj.core.api.Assertions.assertThat(count).isEqualTo(1L));
    }
}
