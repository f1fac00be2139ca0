package io.skygear.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link GatewaySettings}: the documented defaults, and the same rules for the builder and the constructor. */
class GatewaySettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        GatewaySettings d = GatewaySettings.defaults();
        assertThat(d.cacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.maxCachedTenants()).isEqualTo(100_000);
        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.responseTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.reconnectDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.adminKey()).isEmpty();
        assertThat(d.unmatchedToHost()).isTrue();
    }

    @Test
    void builderNamesTheInvalidSetting() {
        assertThatThrownBy(() -> GatewaySettings.builder().responseTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("responseTimeout: must be a positive duration");
        assertThatThrownBy(() -> GatewaySettings.builder().cacheTtl(null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cacheTtl: ");
        assertThatThrownBy(() -> GatewaySettings.builder().adminKey("short").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("adminKey: must be at least 16 characters");
    }

    @Test
    void constructorChecksTheSameRulesAsTheBuilder() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new GatewaySettings(Duration.ofSeconds(-1), 10, second, second, second, Optional.empty(), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cacheTtl: must be a positive duration");
        assertThatThrownBy(() -> new GatewaySettings(second, 0, second, second, second, Optional.empty(), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxCachedTenants: must be at least 1, got 0");
        assertThatThrownBy(() -> new GatewaySettings(second, 10, second, second, second, Optional.of("short"), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("adminKey: must be at least 16 characters");
        assertThat(new GatewaySettings(second, 10, second, second, second, Optional.of("0123456789abcdef"), false).adminKey())
                .contains("0123456789abcdef");
    }
}
