package io.skygear.auth.hook;

import static io.skygear.auth.hook.HookTenants.identity;
import static io.skygear.auth.hook.HookTenants.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.core.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Hook events serialise to the original's JSON; ids, type names and signatures follow its rules. */
class HookEventJsonTest {

    static final HookEvent.Context ANONYMOUS =
            new HookEvent.Context(1575021600, Optional.of("req-1"), Optional.empty(), Optional.empty(), Optional.empty());

    static String json(Object value) {
        return Json.mapper().writeValueAsString(value);
    }

    @Nested
    class Envelope {

        @Test
        void idIsSeqAsSixteenLowerCaseHexDigits() {
            assertThat(HookEvent.idOf(42)).isEqualTo("000000000000002a");
            assertThat(HookEvent.idOf(1)).isEqualTo("0000000000000001");
            assertThat(HookEvent.idOf(0xABCDEF0123L)).isEqualTo("000000abcdef0123");
            assertThat(HookEvent.of(255, HookEventType.USER_SYNC, new UserSyncEvent(user("u1")), ANONYMOUS).id())
                    .isEqualTo("00000000000000ff");
        }

        @Test
        void envelopeHasIdSeqTypePayloadAndContextWithNullsForAnAnonymousRequest() {
            HookEvent event = HookEvent.of(42, HookEventType.USER_SYNC, new UserSyncEvent(user("u1")), ANONYMOUS);

            assertThat(json(event)).isEqualTo("""
                    {"id":"000000000000002a","seq":42,"type":"user_sync","payload":{"user":{"id":"u1",\
                    "created_at":"2019-11-29T10:00:00.123456Z","is_verified":false,"is_disabled":false,\
                    "verify_info":{"john@example.com":false},"metadata":{"plan":"free"}}},\
                    "context":{"timestamp":1575021600,"request_id":"req-1","user_id":null,"identity_id":null,\
                    "session":null}}""");
        }

        @Test
        void contextOfALoggedInRequestNamesUserIdentityAndSession() {
            HookEvent.Context context = new HookEvent.Context(1, Optional.empty(), Optional.of("u1"),
                    Optional.of("p1"), Optional.of(Map.of("id", "s1")));

            assertThat(json(context)).isEqualTo("""
                    {"timestamp":1,"request_id":null,"user_id":"u1","identity_id":"p1","session":{"id":"s1"}}""");
        }

        @Test
        void userWithLastLoginWritesIt() {
            HookUser u = new HookUser("u1", Instant.parse("2019-11-29T10:00:00Z"),
                    Optional.of(Instant.parse("2019-11-30T01:02:03Z")), true, true, Map.of(), Map.of());

            assertThat(json(u)).isEqualTo("""
                    {"id":"u1","created_at":"2019-11-29T10:00:00Z","last_login_at":"2019-11-30T01:02:03Z",\
                    "is_verified":true,"is_disabled":true,"verify_info":{},"metadata":{}}""");
        }
    }

    @Nested
    class Payloads {

        @Test
        void passwordIdentityFlattensItsAttributes() {
            assertThat(json(identity("p1"))).isEqualTo("""
                    {"claims":{"email":"john@example.com"},"id":"p1","login_id":"john@example.com",\
                    "login_id_key":"email","type":"password"}""");
        }

        @Test
        void identityAttributesCannotShadowTheCommonFields() {
            assertThatThrownBy(() -> new HookIdentity("p1", "oauth", Map.of(), Map.of("type", "x")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"type\"");
        }

        @Test
        void sessionCreateHasReasonUserIdentityAndSession() {
            SessionCreateEvent payload = new SessionCreateEvent(SessionCreateEvent.Reason.SIGNUP, user("u1"),
                    identity("p1"), Map.of("id", "s1"));

            assertThat(Json.mapper().readTree(json(payload)).propertyNames())
                    .containsExactly("reason", "user", "identity", "session");
            assertThat(Json.mapper().readTree(json(payload)).get("reason").stringValue()).isEqualTo("signup");
        }

        @Test
        void userCreateListsIdentities() {
            String text = json(new UserCreateEvent(user("u1"), List.of(identity("p1"), identity("p2"))));

            assertThat(Json.mapper().readTree(text).get("identities").size()).isEqualTo(2);
            assertThat(Json.mapper().readTree(text).propertyNames()).containsExactly("user", "identities");
        }

        @Test
        void userUpdateWritesOnlyTheFieldsThatChange() {
            assertThat(json(UserUpdateEvent.disabled(user("u1"), true)))
                    .startsWith("{\"reason\":\"administrative\",\"is_disabled\":true,\"user\":{");
            assertThat(json(UserUpdateEvent.metadata(user("u1"), Map.of("a", 1))))
                    .startsWith("{\"reason\":\"update_metadata\",\"metadata\":{\"a\":1},\"user\":{");
            assertThat(json(UserUpdateEvent.verification(user("u1"), true, Map.of("john@example.com", true))))
                    .startsWith("{\"reason\":\"verification\",\"is_verified\":true,\"verify_info\":{\"john@example.com\":true},\"user\":{");
        }

        @Test
        void reasonsUseTheOriginalWireNames() {
            assertThat(json(new PasswordUpdateEvent(PasswordUpdateEvent.Reason.CHANGE_PASSWORD, user("u1"))))
                    .startsWith("{\"reason\":\"change_password\",");
            assertThat(json(new SessionDeleteEvent(SessionDeleteEvent.Reason.REVOKE, user("u1"), identity("p1"), Map.of())))
                    .startsWith("{\"reason\":\"revoke\",");
        }

        @Test
        void mutationsApplyToTheUserOfCreateEventsButNotToSnapshots() {
            Mutations m = new Mutations(Optional.of(true), Optional.empty(), Optional.empty(), Optional.of(Map.of("vip", true)));

            UserCreateEvent created = new UserCreateEvent(user("u1"), List.of()).withMutations(m);
            assertThat(created.user().isDisabled()).isTrue();
            assertThat(created.user().metadata()).isEqualTo(Map.of("vip", true));
            assertThat(created.user().verifyInfo()).isEqualTo(user("u1").verifyInfo());

            PasswordUpdateEvent password = new PasswordUpdateEvent(PasswordUpdateEvent.Reason.ADMINISTRATIVE, user("u1"));
            assertThat(password.withMutations(m)).isSameAs(password);
        }

        @Test
        void laterMutationsWinPerField() {
            Mutations first = new Mutations(Optional.of(true), Optional.of(true), Optional.empty(), Optional.of(Map.of("a", 1)));
            Mutations second = new Mutations(Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty());

            assertThat(first.then(second)).isEqualTo(
                    new Mutations(Optional.of(false), Optional.of(true), Optional.empty(), Optional.of(Map.of("a", 1))));
            assertThat(Mutations.NONE.empty()).isTrue();
            assertThat(first.empty()).isFalse();
        }
    }

    @Nested
    class EventTypes {

        @Test
        void afterPasswordUpdateKeepsTheOriginalTypoOnTheWire() {
            assertThat(HookEventType.AFTER_PASSWORD_UPDATE.wireName()).isEqualTo("after_password_udpate");
            assertThat(json(HookEventType.AFTER_PASSWORD_UPDATE)).isEqualTo("\"after_password_udpate\"");
        }

        @Test
        void configMayNameAfterPasswordUpdateEitherWay() {
            assertThat(HookEventType.AFTER_PASSWORD_UPDATE.matches("after_password_udpate")).isTrue();
            assertThat(HookEventType.AFTER_PASSWORD_UPDATE.matches("after_password_update")).isTrue();
            assertThat(HookEventType.fromWire("after_password_update")).contains(HookEventType.AFTER_PASSWORD_UPDATE);
            assertThat(HookEventType.BEFORE_PASSWORD_UPDATE.matches("after_password_update")).isFalse();
        }

        @Test
        void everyOtherTypeIsItsLowerCaseName() {
            for (HookEventType type : HookEventType.values()) {
                if (type != HookEventType.AFTER_PASSWORD_UPDATE) {
                    assertThat(type.wireName()).isEqualTo(type.name().toLowerCase());
                }
            }
            assertThat(HookEventType.fromWire("after_signup")).isEmpty();
        }
    }

    @Nested
    class Signature {

        static final byte[] BODY = "{\"id\":\"0000000000000001\"}".getBytes(StandardCharsets.UTF_8);
        // python3: hmac.new(b'hook-Secret-9c41', body, hashlib.sha256).hexdigest()
        static final String EXPECTED = "2c857538b881007d265e7662c93303a83e805271656c57ca649322eb224040c9";

        @Test
        void signatureIsHexHmacSha256OfTheRawBody() {
            assertThat(HookSignature.sign(HookTenants.SECRET, BODY)).isEqualTo(EXPECTED);
        }

        @Test
        void verifyAcceptsTheSignatureInAnyCaseAndRejectsTamperedBodiesOrOtherSecrets() {
            assertThat(HookSignature.verify(HookTenants.SECRET, BODY, EXPECTED)).isTrue();
            assertThat(HookSignature.verify(HookTenants.SECRET, BODY, EXPECTED.toUpperCase())).isTrue();
            byte[] tampered = "{\"id\":\"0000000000000002\"}".getBytes(StandardCharsets.UTF_8);
            assertThat(HookSignature.verify(HookTenants.SECRET, tampered, EXPECTED)).isFalse();
            assertThat(HookSignature.verify("other-secret", BODY, EXPECTED)).isFalse();
            assertThat(HookSignature.verify(HookTenants.SECRET, BODY, null)).isFalse();
            assertThat(HookSignature.verify(HookTenants.SECRET, BODY, "")).isFalse();
        }
    }
}
