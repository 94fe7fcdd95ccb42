package io.stagegate.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A widely used client, unchanged, against the sandbox: runs {@code src/test/js/jsforce-smoke.js} with Node when
 * {@code STAGEGATE_JSFORCE_DIR} names a folder holding {@code node_modules/jsforce}; skipped otherwise (CI has no Node
 * packages).
 */
@QuarkusTest
@TestProfile(SalesforceSandboxProfile.class)
class JsforceClientTest {
    private static final int OPPORTUNITIES = 4500;

    @Inject
    SalesforceOrg org;

    @Test
    void jsforceLogsInPagesUpdatesAndDescribesUnchanged() throws IOException, InterruptedException {
        String folder = System.getenv("STAGEGATE_JSFORCE_DIR");
        assumeTrue(folder != null && Files.isDirectory(Path.of(folder, "node_modules", "jsforce")), "STAGEGATE_JSFORCE_DIR with jsforce installed");
        org.seed(TestDeals.many(OPPORTUNITIES));
        String instance = "http://localhost:" + RestAssured.port + "/sandbox/salesforce";
        ProcessBuilder command = new ProcessBuilder("node", Path.of("src/test/js/jsforce-smoke.js").toAbsolutePath().toString(), instance,
                SalesforceSandboxProfile.CLIENT_ID, SalesforceSandboxProfile.CLIENT_SECRET, Integer.toString(OPPORTUNITIES))
                .directory(new File(folder)).redirectErrorStream(true);
        command.environment().put("NODE_PATH", Path.of(folder, "node_modules").toString());
        Process node = command.start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("JSFORCE OK");
    }
}
