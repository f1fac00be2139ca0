package io.skygear.auth.internal.sso.provider;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.skygear.core.http.Json;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Discovery documents ({@code <issuer>/.well-known/openid-configuration}) and JWK sets, cached per URL
 * for every tenant of the node: documents for {@link #DISCOVERY_TTL}, keys for {@link #KEYS_TTL} or
 * until a token names a key the cached set lacks (a rotation), then fetched again, at most once per
 * {@link #REFRESH_INTERVAL}.
 */
public final class OidcMetadata {

    static final Duration DISCOVERY_TTL = Duration.ofHours(1);
    static final Duration KEYS_TTL = Duration.ofMinutes(10);
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(10);

    private record Cached<T>(T value, Instant fetchedAt) {
    }

    private final ProviderHttp http;
    private final Clock clock;
    private final Map<String, Cached<JsonNode>> documents = new ConcurrentHashMap<>();
    private final Map<URI, Cached<List<JWK>>> keys = new ConcurrentHashMap<>();

    public OidcMetadata(ProviderHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** The discovery document of {@code issuer}. */
    public JsonNode discovery(String issuer) {
        Instant now = clock.instant();
        Cached<JsonNode> cached = documents.get(issuer);
        if (cached == null || cached.fetchedAt().plus(DISCOVERY_TTL).isBefore(now)) {
            String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            cached = new Cached<>(http.getJson(URI.create(base + "/.well-known/openid-configuration"), Optional.empty()), now);
            documents.put(issuer, cached);
        }
        return cached.value();
    }

    /**
     * The keys published at {@code jwksUri}; with {@code keyId} not among the cached keys, fetched again
     * (rotation), unless fetched moments ago.
     */
    public List<JWK> keys(URI jwksUri, Optional<String> keyId) {
        Instant now = clock.instant();
        Cached<List<JWK>> cached = keys.get(jwksUri);
        boolean stale = cached == null || cached.fetchedAt().plus(KEYS_TTL).isBefore(now)
                || keyId.isPresent() && cached.value().stream().noneMatch(k -> keyId.get().equals(k.getKeyID()))
                && cached.fetchedAt().plus(REFRESH_INTERVAL).isBefore(now);
        if (stale) {
            cached = new Cached<>(fetchKeys(jwksUri), now);
            keys.put(jwksUri, cached);
        }
        return cached.value();
    }

    private List<JWK> fetchKeys(URI jwksUri) {
        JsonNode json = http.getJson(jwksUri, Optional.empty());
        try {
            return JWKSet.parse(Json.mapper().writeValueAsString(json)).getKeys();
        } catch (ParseException e) {
            throw ProviderHttp.oauthFailed();
        }
    }
}
