package io.stagegate.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.stagegate.testsupport.Mutations;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded fuzzing of {@code POST /api/evaluate} in its three formats: valid requests mutated at random, with the hostile
 * values of issue 14 spliced in. Whatever arrives, the answer is not a 5xx, comes within a bounded time, allocates a
 * bounded amount of memory, and nothing is left on disk. A failure names the seed and case, so it replays exactly.
 */
@QuarkusTest
class EvaluateFuzzTest {
    private static final int CASES_PER_SEED = 60;
    private static final long MAX_MILLIS_PER_REQUEST = 5_000;
    /**
     * Bytes allocated by every thread of this JVM (the service and the test client) while one request of a few
     * kilobytes is answered. A number computed in full from a huge exponent allocates gigabytes.
     */
    private static final long MAX_BYTES_PER_REQUEST = 64L << 20;
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private static final String JSON = "{\"asOf\": \"2026-11-26\", \"opportunities\": ["
            + "{\"id\": \"006F1\", \"stage\": \"Needs Analysis\", \"amount\": 30000.50, \"currency\": \"USD\", \"closeDate\": \"2026-12-31\","
            + " \"fields\": {\"Discovery_Meeting_Date__c\": \"2026-09-01\", \"Budget_Confirmed__c\": true, \"Seats__c\": 12},"
            + " \"relatedCounts\": {\"OpportunityContactRoles\": 3}, \"stageEnteredOn\": \"2026-11-01\","
            + " \"history\": [{\"stage\": \"Qualification\", \"at\": \"2026-10-01T09:00:00Z\"}]},"
            + "{\"id\": \"006F2\", \"stage\": \"Closed Won\", \"amount\": \"70000\", \"currency\": \"EUR\"}]}";
    private static final String CSV = "Id,StageName,Amount,CurrencyIsoCode,CloseDate,Discovery_Meeting_Date__c,count(OpportunityContactRoles)\n"
            + "006F1,Needs Analysis,30000.50,USD,2026-12-31,2026-09-01,3\n"
            + "006F2,\"Closed Won\",70000,EUR,2026-11-30,,\n"
            + "006F3,Prospecting,\"1,000\",USD,2026-12-01,\"2026-\n09-01\",1\n";
    private static final List<String> CSV_TYPES = List.of("text/csv", "text/csv; charset=UTF-8", "text/csv; charset=ISO-8859-1",
            "text/csv; charset=UTF-16", "application/csv", "text/csv; charset=nonsense");

    /** The test client itself refuses to send a part with an unknown charset. */
    private static final List<String> PART_TYPES = List.of("text/csv", "text/csv; charset=UTF-8", "text/csv; charset=ISO-8859-1",
            "text/csv; charset=UTF-16", "application/octet-stream");

    @ParameterizedTest
    @ValueSource(longs = {14L, 1_402L, 20_261_126L})
    void noInputMakesTheServiceFailOrStall(long seed) throws Exception {
        Mutations mutations = new Mutations(seed);
        warmUp();
        long mostAllocated = 0;
        for (int i = 0; i < CASES_PER_SEED; i++) {
            String name = "seed " + seed + ", case " + i;
            long allocatedBefore = allocatedByAllThreads();
            Response response;
            switch (i % 3) {
                case 0:
                    response = given().config(RAW).contentType("application/json").body(mutations.mutate(JSON))
                            .queryParam("summaryOnly", mutations.pick(List.of("true", "false", "maybe", "")))
                            .when().post("/api/evaluate");
                    break;
                case 1:
                    response = given().config(RAW).contentType(mutations.pick(CSV_TYPES)).body(mutations.mutate(CSV))
                            .queryParam("asOf", mutations.pick(List.of("2026-11-26", "20261126", "garbage", "2026-02-30")))
                            .when().post("/api/evaluate");
                    break;
                default:
                    boolean json = mutations.random().nextBoolean();
                    response = given().config(RAW)
                            .multiPart("opportunities", json ? "batch.json" : "export.csv", mutations.mutate(json ? JSON : CSV),
                                    json ? "application/json" : mutations.pick(PART_TYPES))
                            .when().post("/api/evaluate");
                    break;
            }
            assertThat(response.statusCode()).as("%s: %s", name, prefix(response.asString())).isLessThan(500);
            assertThat(response.time()).as("%s took", name).isLessThan(MAX_MILLIS_PER_REQUEST);
            long allocated = allocatedByAllThreads() - allocatedBefore;
            mostAllocated = Math.max(mostAllocated, allocated);
            assertThat(allocated).as("%s: bytes allocated while it was answered", name).isLessThan(MAX_BYTES_PER_REQUEST);
            if (response.statusCode() >= 400) {
                assertThat(response.contentType()).as(name).startsWith(Problem.MEDIA_TYPE);
                assertThat(response.asString().length()).as("%s: problem size", name).isLessThan(30_000);
            }
        }
        EvaluateUploadsTest.assertNothingLeftWithin(10);
        System.out.printf("EvaluateFuzzTest seed %d: %d requests, at most %,d bytes allocated by all threads during one%n", seed,
                CASES_PER_SEED, mostAllocated);
    }

    /** The first requests of a JVM load classes and fill caches; they are not what a request costs (the samples are refused or not). */
    private static void warmUp() {
        given().contentType("application/json").body(JSON).when().post("/api/evaluate").then().statusCode(org.hamcrest.Matchers.lessThan(500));
        given().contentType("text/csv").body(CSV).when().post("/api/evaluate").then().statusCode(org.hamcrest.Matchers.lessThan(500));
        given().multiPart("opportunities", "export.csv", CSV, "text/csv").when().post("/api/evaluate").then().statusCode(org.hamcrest.Matchers.lessThan(500));
    }

    /** Threads that ended in between are not counted; the service's workers and the test's own thread are pooled or live on. */
    private static long allocatedByAllThreads() {
        long sum = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }

    private static String prefix(String body) {
        return body.length() > 500 ? body.substring(0, 500) : body;
    }
}
