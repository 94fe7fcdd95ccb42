package io.stagegate.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenMechanismTest {
    @Test
    void readsTheTokenOfABearerHeaderOnly() {
        assertThat(BearerTokenMechanism.token("Bearer abc")).isEqualTo("abc");
        assertThat(BearerTokenMechanism.token("bearer   abc ")).isEqualTo("abc");
        assertThat(BearerTokenMechanism.token("Basic YWRtaW46YWRtaW4=")).isNull();
        assertThat(BearerTokenMechanism.token("Bearer ")).isNull();
        assertThat(BearerTokenMechanism.token("Bearerabc")).isNull();
        assertThat(BearerTokenMechanism.token(null)).isNull();
    }
}
