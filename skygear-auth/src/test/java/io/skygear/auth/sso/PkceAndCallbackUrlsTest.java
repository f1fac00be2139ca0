package io.skygear.auth.sso;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.internal.sso.CallbackUrls;
import io.skygear.auth.internal.sso.Pkce;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PKCE S256 against RFC 7636's example, and the callback URL allow-list rules. */
class PkceAndCallbackUrlsTest {

    @Test
    void s256ChallengeMatchesTheRfc7636Example() {
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

        assertThat(Pkce.challenge(verifier)).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(Pkce.matches("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", verifier)).isTrue();
        assertThat(Pkce.matches("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", verifier + "x")).isFalse();
    }

    @Test
    void callbackUrlsMatchWithoutQueryAndFragmentAndNeverByPrefix() {
        List<String> allowed = List.of("https://App.Example.com/cb?ignored=1", "com.example.app://sso");

        assertThat(CallbackUrls.isAllowed(allowed, "https://app.example.com/cb")).isTrue();
        assertThat(CallbackUrls.isAllowed(allowed, "HTTPS://APP.EXAMPLE.COM/cb?x=1#y")).isTrue();
        assertThat(CallbackUrls.isAllowed(allowed, "com.example.app://sso?next=home")).isTrue();
        assertThat(CallbackUrls.isAllowed(allowed, "https://app.example.com/CB")).isFalse();
        assertThat(CallbackUrls.isAllowed(allowed, "https://app.example.com/cb/x")).isFalse();
        assertThat(CallbackUrls.isAllowed(allowed, "https://app.example.com.evil.io/cb")).isFalse();
        assertThat(CallbackUrls.isAllowed(allowed, "https://user@app.example.com/cb")).isFalse();
        assertThat(CallbackUrls.isAllowed(allowed, "/cb")).isFalse();
        assertThat(CallbackUrls.isAllowed(allowed, "not a url")).isFalse();
        assertThat(CallbackUrls.isAllowed(allowed, "")).isFalse();
    }
}
