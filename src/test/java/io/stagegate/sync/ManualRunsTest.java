package io.stagegate.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.testsupport.Access;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A poll or sweep asked for while one runs or just ran is answered, not repeated (the cooldown is 10 s by default). In
 * an application of its own: a real poll here must not leave its outcome (the sync's health) to other tests.
 */
@QuarkusTest
@TestProfile(ManualRunsTest.OwnApplication.class)
class ManualRunsTest {
    public static class OwnApplication implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stagegate.sync.manual-cooldown", "10s");
        }
    }

    @TestHTTPResource("/api/sync/poll")
    URL poll;

    @Test
    void fiftyRapidPollRequestsPollAtMostOnce() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(poll.toString())).header("Authorization", Access.admin())
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join(), threads));
            }
            List<HttpResponse<String>> responses = answers.stream().map(CompletableFuture::join).toList();
            Map<Integer, Long> byStatus = responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));

            // one poll at most: 200 for the one that ran (none, if a poll of another test ran within the cooldown)
            assertThat(byStatus.getOrDefault(200, 0L)).isLessThanOrEqualTo(1L);
            assertThat(byStatus.get(202)).isGreaterThanOrEqualTo(49L);
            assertThat(byStatus.keySet()).containsAnyOf(202).isSubsetOf(200, 202);
            assertThat(responses.stream().filter(r -> r.statusCode() == 202).map(HttpResponse::body))
                    .allSatisfy(body -> assertThat(body).contains("\"poll\":\"coalesced\"").contains("\"lastStartedAt\""));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSweepRequestedMomentsAgoIsNotRequestedAgain() {
        given().header("Authorization", Access.admin()).when().post("/api/sync/sweep").then().statusCode(202);
        given().header("Authorization", Access.admin()).when().post("/api/sync/sweep").then().statusCode(202)
                .body("sweep", equalTo("coalesced")).body("cooldownSeconds", equalTo(10)).body("lastStartedAt", notNullValue());
    }
}
