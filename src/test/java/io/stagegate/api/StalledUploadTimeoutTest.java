package io.stagegate.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A body that stops arriving frees its worker and its evaluation slot after the read timeout: Quarkus closes the
 * connection (no answer can be sent on it), and the single slot of this profile admits the next request.
 */
@QuarkusTest
@TestProfile(StalledUploadTimeoutTest.ShortReadTimeout.class)
class StalledUploadTimeoutTest {

    public static class ShortReadTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.read-timeout", "1s", "stagegate.evaluate.max-concurrent", "1");
        }
    }

    @Test
    void aStalledUploadIsCutOffAndGivesItsSlotBack() throws Exception {
        for (String type : new String[] {"text/csv", "application/json"}) {
            long start = System.nanoTime();
            try (Socket socket = EvaluateUploadsTest.post(type, 1_000)) {
                socket.getOutputStream().write((type.equals("text/csv") ? "Id,StageName\n" : "[{\"id\": ").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                socket.setSoTimeout(10_000);
                InputStream in = socket.getInputStream();
                byte[] head = new byte[300];
                String answer = new String(head, 0, in.readNBytes(head, 0, head.length), StandardCharsets.US_ASCII);
                assertThat(answer).as("%s: closed, or answered 408", type).satisfiesAnyOf(
                        text -> assertThat(text).isEmpty(),
                        text -> assertThat(text.toLowerCase(Locale.ROOT)).startsWith("http/1.1 408").contains("retry-after: 5"));
            }
            assertThat((System.nanoTime() - start) / 1_000_000).as("%s cut off after the 1 s read timeout", type).isBetween(900L, 8_000L);
            EvaluateUploadsTest.assertNothingLeftWithin(5);
            given().contentType("text/csv").body("Id,StageName\n1,Prospecting\n")
                    .when().post("/api/evaluate")
                    .then().statusCode(200);
        }
    }
}
