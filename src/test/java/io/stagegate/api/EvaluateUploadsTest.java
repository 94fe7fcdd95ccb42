package io.stagegate.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.lessThan;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What clients do with uploads in flight: disconnect mid-upload or mid-validation, or hold hundreds of uploads open
 * without sending. Nothing may stay on disk, and health checks and sync must keep answering.
 */
@QuarkusTest
class EvaluateUploadsTest {
    private static final Path SPOOL = Path.of("target/evaluate-spool");
    private static final Path UPLOADS = Path.of("target/evaluate-uploads");

    static Socket post(String contentType, long contentLength) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", RestAssured.port), 5_000);
        String head = "POST /api/evaluate?asOf=2026-11-26 HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + contentLength + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    static List<Path> leftovers() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path directory : List.of(SPOOL, UPLOADS)) {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> listed = Files.list(directory)) {
                    listed.forEach(files::add);
                }
            }
        }
        return files;
    }

    /** Waits until the spool and upload directories are empty, failing with what is left after {@code seconds}. */
    static void assertNothingLeftWithin(int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!leftovers().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(leftovers()).as("spooled bodies left behind").isEmpty();
    }

    private static byte[] csv(int rows) {
        StringBuilder csv = new StringBuilder("Id,StageName,Amount,Discovery_Meeting_Date__c\n");
        for (int i = 0; i < rows; i++) {
            csv.append("006U").append(i).append(",Needs Analysis,1000,2026-10-01\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aClientThatDisconnectsMidUploadLeavesNothingBehind() throws Exception {
        byte[] part = csv(20_000);
        try (Socket socket = post("text/csv", part.length * 10L)) {
            socket.getOutputStream().write(part);
            socket.getOutputStream().flush();
            Thread.sleep(300);
            assertThat(leftovers()).as("the body is being spooled").isNotEmpty();
        }
        assertNothingLeftWithin(10);
    }

    @Test
    void aClientThatDisconnectsWhileItsUploadIsValidatedLeavesNothingBehind() throws Exception {
        byte[] body = csv(150_000);
        try (Socket socket = post("text/csv", body.length)) {
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
        }
        assertNothingLeftWithin(60);
        String boundary = "b0undary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"opportunities\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = post("multipart/form-data; boundary=" + boundary, head.length + body.length + tail.length)) {
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(body, 0, body.length / 2);
            out.flush();
        }
        assertNothingLeftWithin(20);
    }

    @Test
    void twoHundredStalledUploadsLeaveHealthAndSyncResponsive() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = post(i % 2 == 0 ? "text/csv" : "application/json", 1_000_000);
                socket.getOutputStream().write((i % 2 == 0 ? "Id,StageName\n" : "[{\"id\": ").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            given().when().get("/q/health/ready").then().time(lessThan(3_000L), TimeUnit.MILLISECONDS).statusCode(200);
            given().when().get("/api/sync").then().time(lessThan(3_000L), TimeUnit.MILLISECONDS).statusCode(200);
            assertThat(busyAnswers(stalled)).as("stalled uploads turned away at once").isGreaterThanOrEqualTo(150);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        assertNothingLeftWithin(15);
        long admitted = System.nanoTime();
        given().contentType("text/csv").body("Id,StageName\n1,Prospecting\n")
                .when().post("/api/evaluate")
                .then().statusCode(200);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - admitted)).as("slots given back").isLessThan(3_000);
    }

    private static int busyAnswers(List<Socket> sockets) throws IOException {
        int busy = 0;
        for (Socket socket : sockets) {
            socket.setSoTimeout(50);
            byte[] head = new byte[200];
            try {
                InputStream in = socket.getInputStream();
                String answer = new String(head, 0, in.readNBytes(head, 0, head.length), StandardCharsets.US_ASCII);
                if (answer.startsWith("HTTP/1.1 503") && answer.toLowerCase(java.util.Locale.ROOT).contains("retry-after: 5")) {
                    busy++;
                }
            } catch (SocketTimeoutException e) {
                // still held: one of the admitted uploads
            }
        }
        return busy;
    }
}
