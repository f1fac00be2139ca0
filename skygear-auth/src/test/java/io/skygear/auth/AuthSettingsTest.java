package io.skygear.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link AuthSettings}: sane defaults, and every bad value refused with its name. */
class AuthSettingsTest {

    @Test
    void defaultsAreSecureAndLimited() {
        AuthSettings settings = AuthSettings.defaults();

        assertThat(settings.insecureCookie()).isFalse();
        assertThat(settings.sessionCacheTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.loginLimitPerLoginId()).isEqualTo(new AuthSettings.RateLimit(10, Duration.ofMinutes(1)));
        assertThat(settings.loginLimitPerIp()).isEqualTo(new AuthSettings.RateLimit(100, Duration.ofMinutes(1)));
        assertThat(settings.outboxMaxAttempts()).isEqualTo(10);
        assertThat(settings.afterHookTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        AuthSettings changed = AuthSettings.defaults().toBuilder().insecureCookie(true).build();

        assertThat(changed.insecureCookie()).isTrue();
        assertThat(changed.toBuilder().insecureCookie(false).build()).isEqualTo(AuthSettings.defaults());
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> AuthSettings.builder().sessionCacheTtl(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("sessionCacheTtl:");
        assertThatThrownBy(() -> AuthSettings.builder().sessionCacheTtl(null).build())
                .hasMessage("sessionCacheTtl: required");
        assertThatThrownBy(() -> AuthSettings.builder()
                .loginLimitPerIp(new AuthSettings.RateLimit(0, Duration.ofMinutes(1))).build())
                .hasMessageStartingWith("loginLimitPerIp: permits");
        assertThatThrownBy(() -> AuthSettings.builder()
                .loginLimitPerLoginId(new AuthSettings.RateLimit(5, Duration.ofMillis(10))).build())
                .hasMessageStartingWith("loginLimitPerLoginId: window");
        assertThatThrownBy(() -> new AuthSettings.RateLimit(5, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("window: required");
        assertThatThrownBy(() -> AuthSettings.builder().outboxMaxAttempts(0).build())
                .hasMessageStartingWith("outboxMaxAttempts:");
        assertThatThrownBy(() -> AuthSettings.builder()
                .outboxInitialBackoff(Duration.ofMinutes(5)).outboxMaxBackoff(Duration.ofMinutes(1)).build())
                .hasMessageStartingWith("outboxMaxBackoff:");
        assertThatThrownBy(() -> AuthSettings.builder().ssoProviderTimeout(Duration.ofMinutes(6)).build())
                .hasMessageStartingWith("ssoProviderTimeout:");
    }

    @Test
    void gearBuilderNamesTheMissingDatabases() {
        assertThatThrownBy(() -> AuthGear.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("databases: required");
    }
}
