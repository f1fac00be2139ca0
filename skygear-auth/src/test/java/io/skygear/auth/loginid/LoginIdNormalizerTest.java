package io.skygear.auth.loginid;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.internal.loginid.LoginIdNormalizer;
import io.skygear.core.config.LoginIdType;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The folded form of login IDs: NFKC everywhere, lower case for e-mail addresses only. */
class LoginIdNormalizerTest {

    @Test
    void emailIsNfkcThenLowerCase() {
        assertThat(LoginIdNormalizer.normalize(LoginIdType.EMAIL, "ＡＢＣ@Example.COM")).isEqualTo("abc@example.com");
        assertThat(LoginIdNormalizer.normalize(LoginIdType.EMAIL, "John.Doe@EXAMPLE.com")).isEqualTo("john.doe@example.com");
    }

    @Test
    void emailLowerCaseIgnoresTheDefaultLocale() {
        Locale previous = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            assertThat(LoginIdNormalizer.normalize(LoginIdType.EMAIL, "ILKER@EXAMPLE.COM")).isEqualTo("ilker@example.com");
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void rawAndPhoneKeepTheirCase() {
        assertThat(LoginIdNormalizer.normalize(LoginIdType.RAW, "ＪｏｈｎＤｏｅ")).isEqualTo("JohnDoe");
        assertThat(LoginIdNormalizer.normalize(LoginIdType.RAW, "JohnDoe")).isEqualTo("JohnDoe");
        assertThat(LoginIdNormalizer.normalize(LoginIdType.PHONE, "＋８５２２３４５６７８９")).isEqualTo("+85223456789");
    }

    @Test
    void compatibilityCharactersAndCombiningMarksFold() {
        // ﬁ ligature, composed vs decomposed é, superscript two
        assertThat(LoginIdNormalizer.normalize(LoginIdType.RAW, "ﬁle")).isEqualTo("file");
        assertThat(LoginIdNormalizer.normalize(LoginIdType.RAW, "cafe\u0301"))
                .isEqualTo(LoginIdNormalizer.normalize(LoginIdType.RAW, "caf\u00e9"));
        assertThat(LoginIdNormalizer.normalize(LoginIdType.RAW, "x²")).isEqualTo("x2");
    }
}
