package io.skygear.core.http;

import io.skygear.core.config.ClientConfig;
import io.skygear.core.config.UserConfig;
import jakarta.servlet.ServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which key a request presented in {@code X-Skygear-API-Key}: the tenant's master key, the API key of
 * one client (with its id), or none. Published on the request by {@link AccessKeyFilter}.
 *
 * @param clientId the client whose API key was presented; present exactly for {@link Type#API_KEY}
 */
public record AccessKey(Type type, Optional<String> clientId) {

    public enum Type { MASTER_KEY, API_KEY, NO_ACCESS_KEY }

    /** The request attribute holding the {@code AccessKey}. */
    public static final String ATTRIBUTE = AccessKey.class.getName();

    public static final AccessKey MASTER = new AccessKey(Type.MASTER_KEY, Optional.empty());
    public static final AccessKey NONE = new AccessKey(Type.NO_ACCESS_KEY, Optional.empty());

    public AccessKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(clientId, "clientId");
        if (clientId.isPresent() != (type == Type.API_KEY)) {
            throw new IllegalArgumentException("a client id goes with API_KEY and only with it");
        }
    }

    public static AccessKey apiKey(String clientId) {
        return new AccessKey(Type.API_KEY, Optional.of(clientId));
    }

    /** The key published on this request, or {@link #NONE} if {@link AccessKeyFilter} did not run. */
    public static AccessKey of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof AccessKey key ? key : NONE;
    }

    /**
     * Resolves a presented key against a tenant, in constant time: the master key first, then every
     * client's API key (all of them are compared, so timing does not tell which one matched).
     * {@code null} or empty never matches.
     */
    public static AccessKey resolve(UserConfig userConfig, String presented) {
        if (presented == null || presented.isEmpty()) {
            return NONE;
        }
        byte[] key = presented.getBytes(StandardCharsets.UTF_8);
        boolean master = matches(key, userConfig.masterKey());
        ClientConfig matched = null;
        List<ClientConfig> clients = userConfig.clients();
        for (ClientConfig client : clients) {
            if (matches(key, client.apiKey()) && matched == null) {
                matched = client;
            }
        }
        if (master) {
            return MASTER;
        }
        return matched == null ? NONE : apiKey(matched.id());
    }

    /** Time depends on the presented key's length only (MessageDigest.isEqual loops over its first argument). */
    private static boolean matches(byte[] presented, String secret) {
        return secret != null && !secret.isEmpty()
                && MessageDigest.isEqual(presented, secret.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isMasterKey() {
        return type == Type.MASTER_KEY;
    }

    public boolean isApiKey() {
        return type == Type.API_KEY;
    }

    public boolean isPresent() {
        return type != Type.NO_ACCESS_KEY;
    }
}
