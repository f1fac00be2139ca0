package io.skygear.core.internal.config;

import io.skygear.core.config.CustomTokenConfig;
import io.skygear.core.config.OAuthConfig;
import io.skygear.core.config.OAuthProviderConfig;
import io.skygear.core.config.OAuthProviderType;
import io.skygear.core.config.SsoConfig;
import io.skygear.core.error.ValidationCause;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/** Builds {@code user_config.sso}: custom token and OAuth providers with their conditional requirements. */
final class SsoBinder {

    private static final String PEM_PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----";

    private SsoBinder() {
    }

    static SsoConfig bind(ConfigObject sso) {
        return new SsoConfig(customToken(sso.requiredObject("custom_token")), oauth(sso.object("oauth")));
    }

    private static CustomTokenConfig customToken(ConfigObject c) {
        boolean enabled = c.bool("enabled");
        String issuer = enabled ? c.requiredString("issuer") : c.string("issuer");
        String audience = enabled ? c.requiredString("audience") : c.string("audience");
        String publicKey = c.string("public_key");
        if (!publicKey.isEmpty() && !publicKey.strip().startsWith(PEM_PUBLIC_KEY)) {
            c.report(Causes.general(c.pointer("public_key"), "public_key must be a PEM public key (" + PEM_PUBLIC_KEY + ")"));
        }
        return new CustomTokenConfig(enabled, issuer, audience, c.requiredString("secret"),
                c.bool("on_user_duplicate_allow_merge"), c.bool("on_user_duplicate_allow_create"),
                publicKey, url(c, "jwks_url"));
    }

    private static OAuthConfig oauth(ConfigObject o) {
        String stateSecret = o.requiredString("state_jwt_secret");
        List<OAuthProviderConfig> providers = o.objects("providers").stream().map(SsoBinder::provider).toList();
        List<String> callbackUrls = o.strings("allowed_callback_urls");
        if (!providers.isEmpty()) {
            if (o.has("allowed_callback_urls")) {
                o.minItems("allowed_callback_urls", 1);
            } else {
                o.report(Causes.required(o.pointer("allowed_callback_urls"), "allowed_callback_urls"));
            }
        }
        return new OAuthConfig(stateSecret, callbackUrls, o.bool("external_access_token_flow_enabled"),
                o.bool("on_user_duplicate_allow_merge"), o.bool("on_user_duplicate_allow_create"), providers);
    }

    private static OAuthProviderConfig provider(ConfigObject p) {
        OAuthProviderType type = p.requiredEnum("type", OAuthProviderType.class, OAuthProviderType.GOOGLE);
        boolean typed = p.has("type");
        String tenant = type == OAuthProviderType.AZUREADV2 && typed ? p.requiredString("tenant") : p.string("tenant");
        String keyId = type == OAuthProviderType.APPLE && typed ? p.requiredString("key_id") : p.string("key_id");
        String teamId = type == OAuthProviderType.APPLE && typed ? p.requiredString("team_id") : p.string("team_id");
        if (type == OAuthProviderType.OIDC && typed) {
            p.requiredString("issuer");
        }
        return new OAuthProviderConfig(
                p.string("id", type.wireValue()),
                type,
                p.requiredString("client_id"),
                p.requiredString("client_secret"),
                p.string("scope", type.defaultScope()),
                tenant,
                keyId,
                teamId,
                url(p, "issuer"),
                url(p, "authorization_endpoint"),
                url(p, "token_endpoint"),
                url(p, "userinfo_endpoint"),
                url(p, "jwks_uri"));
    }

    /** An optional absolute http(s) URL; anything else is reported as a {@code StringFormat} cause. */
    private static String url(ConfigObject o, String key) {
        String value = o.string(key);
        if (!value.isEmpty() && !isHttpUrl(value)) {
            o.report(new ValidationCause("StringFormat", o.pointer(key), "Does not match format 'uri'",
                    Map.of("format", "uri")));
        }
        return value;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
