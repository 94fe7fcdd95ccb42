package io.stagegate.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CrmExceptionTest {

    @Test
    void theThreeKindsAreTheOnlyOnes() {
        assertThat(CrmException.class.isSealed()).isTrue();
        assertThat(Arrays.stream(CrmException.class.getPermittedSubclasses()).map(Class::getSimpleName))
                .containsExactlyInAnyOrder("Retryable", "QuotaExhausted", "Fatal");
    }

    @Test
    void eachSaysWhatTheCallerDoes() {
        assertThat(new CrmException.Retryable("lock", "UNABLE_TO_LOCK_ROW", Duration.ofSeconds(2), null).kind())
                .isEqualTo(CrmException.Kind.RETRYABLE);
        assertThat(new CrmException.QuotaExhausted("quota", "REQUEST_LIMIT_EXCEEDED", Instant.EPOCH).kind())
                .isEqualTo(CrmException.Kind.QUOTA_EXHAUSTED);
        assertThat(new CrmException.Fatal("login", "invalid_grant", null).kind()).isEqualTo(CrmException.Kind.FATAL);
    }

    @Test
    void aRetryableWithoutAHintMayRetryAtOnce() {
        assertThat(new CrmException.Retryable("5xx", null, null, null).retryAfter()).isEqualTo(Duration.ZERO);
    }
}
