package io.skygear.auth.internal.session;

import io.skygear.core.config.ClientConfig;
import java.time.Instant;

/**
 * The expiry rules of the original (§5.3), per client config, over a session's three times:
 * {@code created_at}, {@code accessed_at} and {@code access_token_created_at}. "Expired" means strictly
 * after the computed instant, as in the original.
 *
 * <ul>
 *   <li>An access token dies {@code access_token_lifetime} after it was issued.
 *   <li>Refresh disabled, idle timeout on: also {@code session_idle_timeout} after the last access.
 *   <li>Refresh enabled: also with the refresh token, i.e. {@code refresh_token_lifetime} after the
 *       session was created or, idle timeout on, {@code session_idle_timeout} after the access token
 *       was issued (idle = "not refreshed recently").
 *   <li>A refresh token is never valid when the client has refresh tokens disabled.
 *   <li>Storage expiry: refresh disabled, the access token's expiry (idle included); refresh enabled,
 *       the refresh token's.
 * </ul>
 */
public final class SessionExpiry {

    private SessionExpiry() {
    }

    /** When the session's current access token stops being valid. */
    public static Instant accessTokenExpiry(Session session, ClientConfig client) {
        Instant expiry = session.accessTokenCreatedAt().plusSeconds(client.accessTokenLifetime());
        return earliest(expiry, client.refreshTokenDisabled() ? idleExpiry(session, client) : refreshTokenExpiry(session, client));
    }

    /** When the session's refresh token stops being valid (meaningless when refresh is disabled). */
    public static Instant refreshTokenExpiry(Session session, ClientConfig client) {
        Instant expiry = session.createdAt().plusSeconds(client.refreshTokenLifetime());
        if (client.sessionIdleTimeoutEnabled()) {
            expiry = earliest(expiry, session.accessTokenCreatedAt().plusSeconds(client.sessionIdleTimeout()));
        }
        return expiry;
    }

    /** How long the stored session is worth keeping: nothing can use it afterwards. */
    public static Instant storageExpiry(Session session, ClientConfig client) {
        return client.refreshTokenDisabled() ? accessTokenExpiry(session, client) : refreshTokenExpiry(session, client);
    }

    public static boolean isAccessTokenExpired(Session session, ClientConfig client, Instant now) {
        return now.isAfter(accessTokenExpiry(session, client));
    }

    public static boolean isRefreshTokenExpired(Session session, ClientConfig client, Instant now) {
        return client.refreshTokenDisabled() || now.isAfter(refreshTokenExpiry(session, client));
    }

    /** Past its storage expiry: listed nowhere, usable by no token. */
    public static boolean isGone(Session session, ClientConfig client, Instant now) {
        return now.isAfter(storageExpiry(session, client));
    }

    /** The idle expiry when refresh is disabled; {@link Instant#MAX} when the idle timeout is off. */
    private static Instant idleExpiry(Session session, ClientConfig client) {
        return client.sessionIdleTimeoutEnabled()
                ? session.accessedAt().plusSeconds(client.sessionIdleTimeout())
                : Instant.MAX;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
