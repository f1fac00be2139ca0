package io.skygear.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.internal.mfa.Masking;
import org.junit.jupiter.api.Test;

/** How OOB targets are shown in the authenticator list (the reference's vectors). */
class MaskingTest {

    @Test
    void phoneKeepsCountryCodeAndFirstHalfOfTheNationalNumber() {
        assertThat(Masking.phone("+85223456789")).isEqualTo("+8522345****");
        assertThat(Masking.phone("+14155552671")).isEqualTo("+141555*****");
    }

    @Test
    void emailKeepsFirstHalfOfTheLocalPart() {
        assertThat(Masking.email("johndoe@example.com")).isEqualTo("joh****@example.com");
        assertThat(Masking.email("user@example.com")).isEqualTo("us**@example.com");
        assertThat(Masking.email("a@example.com")).isEqualTo("*@example.com");
    }
}
