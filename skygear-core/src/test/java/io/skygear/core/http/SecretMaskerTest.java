package io.skygear.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    private final SecretMasker masker = SecretMasker.of(List.of("SECRET"));

    @Test
    void literalSecretIsMasked() {
        assertThat(masker.mask("Test SECRET")).isEqualTo("Test ********");
        assertThat(masker.mask("Get SECRETDATA")).isEqualTo("Get ********DATA");
    }

    @Test
    void jwtIsMasked() {
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.MiwK31U8C6MNcuYw7EMsAtjioTwG8oOgG0swJeH738k";
        assertThat(SecretMasker.tokensOnly().mask("Bearer " + jwt)).isEqualTo("Bearer ********");
    }

    @Test
    void sessionTokensAreMasked() {
        String access = "54448008-84f9-4413-8d61-036f0a6d7878.dyHMxL8P1N7l3amK2sKBKCSPLzhiwTEA";
        String refresh = "54448008-84f9-4413-8d61-036f0a6d7878.5EFoSwEoc0mRE7fNGvPNqUjWc1VlY5vG";
        assertThat(masker.mask("{" + access + " " + refresh + "}")).isEqualTo("{******** ********}");
    }

    @Test
    void longerSecretWinsOverTheSecretItContains() {
        SecretMasker nested = SecretMasker.of(Arrays.asList("abc", "abcdef", "", null));
        assertThat(nested.mask("x abcdef y abc")).isEqualTo("x ******** y ********");
    }

    @Test
    void emptySecretsAndTextAreHarmless() {
        assertThat(SecretMasker.of(List.of("")).mask("plain text")).isEqualTo("plain text");
        assertThat(masker.mask("")).isEmpty();
        assertThat(masker.mask(null)).isNull();
    }
}
