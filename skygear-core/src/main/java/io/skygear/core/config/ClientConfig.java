package io.skygear.core.config;

import io.skygear.core.internal.config.RecordText;

/**
 * One API client ({@code user_config.clients[]}): an API key and its session policy. Lifetimes are in
 * seconds. Defaults: access 1800; idle timeout 300 but at most the access lifetime; refresh 86400 but
 * at least the access lifetime; {@code same_site} lax; cookie clients always have refresh tokens
 * disabled.
 */
public record ClientConfig(
        String id,
        String name,
        String apiKey,
        SessionTransport sessionTransport,
        int accessTokenLifetime,
        boolean sessionIdleTimeoutEnabled,
        int sessionIdleTimeout,
        boolean refreshTokenDisabled,
        int refreshTokenLifetime,
        SameSite sameSite) {

    @Override
    public String toString() {
        return RecordText.redacted(this, "apiKey");
    }
}
