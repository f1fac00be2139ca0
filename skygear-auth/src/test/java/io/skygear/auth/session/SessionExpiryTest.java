package io.skygear.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.internal.session.AccessEvent;
import io.skygear.auth.internal.session.Session;
import io.skygear.auth.internal.session.SessionExpiry;
import io.skygear.auth.testing.MutableClock;
import io.skygear.core.config.ClientConfig;
import io.skygear.core.config.SameSite;
import io.skygear.core.config.SessionTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The expiry rules of §5.3, checked by moving a clock across each boundary. */
class SessionExpiryTest {

    static final Instant CREATED = Instant.parse("2019-06-01T00:00:00Z");
    static final Instant TOKEN_CREATED = Instant.parse("2019-06-01T00:20:00Z");
    static final Instant ACCESSED = Instant.parse("2019-06-01T00:25:00Z");
    static final Duration TICK = Duration.ofNanos(1000);

    final MutableClock clock = new MutableClock(CREATED);
    final Session session = session(CREATED, TOKEN_CREATED, ACCESSED);

    @Test
    void storageExpiryMatchesTheOriginalsExample() {
        // created 00:00, access token 00:20, accessed 00:25, lifetimes 1800/86400, idle 300
        assertThat(SessionExpiry.storageExpiry(session, client(false, false)))
                .isEqualTo("2019-06-01T00:50:00Z");
        assertThat(SessionExpiry.storageExpiry(session, client(false, true)))
                .isEqualTo("2019-06-01T00:30:00Z");
        assertThat(SessionExpiry.storageExpiry(session, client(true, false)))
                .isEqualTo("2019-06-02T00:00:00Z");
        assertThat(SessionExpiry.storageExpiry(session, client(true, true)))
                .isEqualTo("2019-06-01T00:25:00Z");
    }

    @Nested
    class AccessToken {

        @Test
        void expiresAccessTokenLifetimeAfterItWasIssued() {
            ClientConfig client = client(false, false);

            assertValidUntil(client, Instant.parse("2019-06-01T00:50:00Z"));
        }

        @Test
        void withoutRefreshAndWithIdleTimeoutAlsoExpiresIdleAfterTheLastAccess() {
            ClientConfig client = client(false, true);

            assertValidUntil(client, Instant.parse("2019-06-01T00:30:00Z"));
        }

        @Test
        void withRefreshDiesWithTheRefreshWindow() {
            // a token issued 10 min before the refresh lifetime ends lives 10 min, not 30
            Session late = session(CREATED, Instant.parse("2019-06-01T23:50:00Z"), Instant.parse("2019-06-01T23:55:00Z"));
            ClientConfig client = client(true, false);

            clock.set(Instant.parse("2019-06-02T00:00:00Z"));
            assertThat(SessionExpiry.isAccessTokenExpired(late, client, clock.instant())).isFalse();
            clock.advance(TICK);
            assertThat(SessionExpiry.isAccessTokenExpired(late, client, clock.instant())).isTrue();
        }

        @Test
        void withRefreshAndIdleTimeoutExpiresIdleAfterItWasIssuedWhateverTheAccesses() {
            ClientConfig client = client(true, true);

            assertValidUntil(client, Instant.parse("2019-06-01T00:25:00Z"));
        }

        private void assertValidUntil(ClientConfig client, Instant expiry) {
            assertThat(SessionExpiry.accessTokenExpiry(session, client)).isEqualTo(expiry);
            clock.set(expiry);
            assertThat(SessionExpiry.isAccessTokenExpired(session, client, clock.instant())).isFalse();
            clock.advance(TICK);
            assertThat(SessionExpiry.isAccessTokenExpired(session, client, clock.instant())).isTrue();
        }
    }

    @Nested
    class RefreshToken {

        @Test
        void isNeverValidWhenTheClientDisablesRefreshTokens() {
            clock.set(TOKEN_CREATED);

            assertThat(SessionExpiry.isRefreshTokenExpired(session, client(false, false), clock.instant())).isTrue();
        }

        @Test
        void expiresRefreshTokenLifetimeAfterTheSessionWasCreated() {
            ClientConfig client = client(true, false);

            clock.set(Instant.parse("2019-06-02T00:00:00Z"));
            assertThat(SessionExpiry.isRefreshTokenExpired(session, client, clock.instant())).isFalse();
            clock.advance(TICK);
            assertThat(SessionExpiry.isRefreshTokenExpired(session, client, clock.instant())).isTrue();
        }

        @Test
        void withIdleTimeoutExpiresWhenNotRefreshedRecently() {
            ClientConfig client = client(true, true);

            clock.set(Instant.parse("2019-06-01T00:25:00Z"));
            assertThat(SessionExpiry.isRefreshTokenExpired(session, client, clock.instant())).isFalse();
            clock.advance(TICK);
            assertThat(SessionExpiry.isRefreshTokenExpired(session, client, clock.instant())).isTrue();
        }
    }

    @Test
    void sessionIsGoneAfterItsStorageExpiry() {
        ClientConfig client = client(false, true);

        clock.set(Instant.parse("2019-06-01T00:30:00Z"));
        assertThat(SessionExpiry.isGone(session, client, clock.instant())).isFalse();
        clock.advance(TICK);
        assertThat(SessionExpiry.isGone(session, client, clock.instant())).isTrue();
    }

    static ClientConfig client(boolean refresh, boolean idle) {
        return new ClientConfig("web", "Web", "key", SessionTransport.HEADER, 1800, idle, 300, !refresh, 86400,
                SameSite.LAX);
    }

    static Session session(Instant created, Instant tokenCreated, Instant accessed) {
        AccessEvent first = new AccessEvent(created, new AccessEvent.Remote("", "", "", ""), "", Map.of());
        AccessEvent last = new AccessEvent(accessed, new AccessEvent.Remote("", "", "", ""), "", Map.of());
        return new Session("id", "app", "web", "user", "principal", "password", created, Optional.empty(), first, last,
                created, accessed, "hash", Optional.of("refresh-hash"), tokenCreated);
    }
}
