package io.stagegate.crm.salesforce.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagegate.intake.PushRefused;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** X-Stagegate-Signature against the example of docs/push-intake.md (computed independently with Python's hmac). */
class StagegateSignatureTest {
    private static final String SECRET = "stagegate-events-example-secret";
    private static final byte[] BODY = ("{\"events\":[{\"id\":\"006Dn000001AbCdIAK:1764149400000\",\"recordId\":\"006Dn000001AbCdIAK\","
            + "\"occurredAt\":\"2025-11-26T09:30:00.000Z\"}]}").getBytes(StandardCharsets.UTF_8);
    private static final String HEADER = "t=1764149400,v1=d42f51c190417d4c7881acfa9fc9b494b8db3f88bc9d0cf9af0a311b79b8e5c3";
    private static final Instant SENT = Instant.ofEpochSecond(1_764_149_400L);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void signsTheDocumentedExample() {
        assertThat(StagegateSignature.sign(SECRET, 1_764_149_400L, BODY)).isEqualTo(HEADER);
    }

    @Test
    void acceptsAnyMatchingV1WithinTheToleranceEitherWay() {
        StagegateSignature.verify(HEADER, BODY, SECRET, SENT.plusSeconds(300), TOLERANCE);
        StagegateSignature.verify(HEADER, BODY, SECRET, SENT.minusSeconds(300), TOLERANCE);
        StagegateSignature.verify(" t=1764149400 , v1=" + "0".repeat(64) + ", v1=D42F51C190417D4C7881ACFA9FC9B494B8DB3F88BC9D0CF9AF0A311B79B8E5C3",
                BODY, SECRET, SENT, TOLERANCE);
    }

    @Test
    void refusesWhatIsNotSignedOrTooOld() {
        assertThatThrownBy(() -> StagegateSignature.verify(HEADER, BODY, SECRET, SENT.plusSeconds(301), TOLERANCE))
                .isInstanceOf(PushRefused.class).hasMessageContaining("is 301 s away from this server's clock, more than the 300 s allowed");
        assertThatThrownBy(() -> StagegateSignature.verify(HEADER, BODY, "another-secret", SENT, TOLERANCE))
                .isInstanceOf(PushRefused.class).hasMessageContaining("does not match the body");
        assertThatThrownBy(() -> StagegateSignature.verify(HEADER.replace("t=1764149400", "t=1764149401"), BODY, SECRET, SENT, TOLERANCE))
                .isInstanceOf(PushRefused.class).hasMessageContaining("does not match the body");
        assertThatThrownBy(() -> StagegateSignature.verify("t=-1,v1=00", BODY, SECRET, SENT, TOLERANCE))
                .isInstanceOf(PushRefused.class).hasMessage("X-Stagegate-Signature has no t=<unix seconds>");
        assertThatThrownBy(() -> StagegateSignature.verify(null, BODY, SECRET, SENT, TOLERANCE))
                .isInstanceOf(PushRefused.class).hasMessage("the request has no X-Stagegate-Signature header");
    }
}
