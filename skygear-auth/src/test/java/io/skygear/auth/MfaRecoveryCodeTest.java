package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_MFA;
import static io.skygear.auth.AuthFixture.APP_MFA_REQUIRED;
import static io.skygear.auth.AuthFixture.WEB;
import static io.skygear.auth.AuthFixture.bearer;
import static io.skygear.auth.AuthFixture.headers;
import static io.skygear.auth.AuthFixture.key;
import static io.skygear.auth.AuthFixture.uniqueName;
import static io.skygear.auth.MfaUsers.authnToken;
import static io.skygear.auth.MfaUsers.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.AuthFixture.Reply;
import io.skygear.auth.MfaUsers.Enrolled;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /_auth/mfa/recovery_code/authenticate|regenerate|list}: one use per code, storage, listing. */
class MfaRecoveryCodeTest {

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static Reply authenticate(Enrolled user, String code) {
        String token = authnToken(MfaUsers.login(auth, user.appId(), WEB, user.username()));
        return auth.post("/_auth/mfa/recovery_code/authenticate", withToken("{\"code\":\"" + code + "\"}", token),
                key(user.appId(), WEB));
    }

    static String[] session(Enrolled user) {
        Reply reply = authenticate(user, user.recoveryCodes().getLast());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return headers(key(user.appId(), WEB), bearer(reply.result().get("access_token").asString()));
    }

    @Test
    void aRecoveryCodeCompletesTheLoginOnceOnly() {
        Enrolled user = MfaUsers.enrollWithToken(auth, uniqueName("recover"));
        String code = user.recoveryCodes().getFirst();

        Reply first = authenticate(user, code.toLowerCase());
        Reply again = authenticate(user, code);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.result().get("user").get("id").asString()).isEqualTo(user.userId());
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.error().get("reason").asString()).isEqualTo("InvalidRecoveryCode");
        assertThat(again.error().get("message").asString()).isEqualTo("invalid recovery code");
    }

    @Test
    void unknownCodesAndAnotherUsersCodesAreInvalid() {
        Enrolled alice = MfaUsers.enrollWithToken(auth, uniqueName("alice"));
        Enrolled bob = MfaUsers.enrollWithToken(auth, uniqueName("bob"));

        assertThat(authenticate(alice, "0000000000").error().get("reason").asString()).isEqualTo("InvalidRecoveryCode");
        assertThat(authenticate(alice, bob.recoveryCodes().getFirst()).status()).isEqualTo(401);
    }

    @Test
    void codesAreStoredHashed() {
        Enrolled user = MfaUsers.enrollWithToken(auth, uniqueName("hashed"));

        List<String> stored = auth.sql().fetch("SELECT r.code FROM app._auth_authenticator_recovery_code r"
                + " JOIN app._auth_authenticator a ON a.id = r.id WHERE a.user_id = ?", user.userId())
                .getValues(0, String.class);

        assertThat(stored).hasSize(8).allMatch(c -> c.matches("[0-9a-f]{64}")).doesNotContainAnyElementsOf(user.recoveryCodes());
    }

    @Test
    void regenerateReplacesEveryCode() {
        Enrolled user = MfaUsers.enrollWithToken(auth, uniqueName("regen"));
        String[] session = session(user);

        Reply reply = auth.post("/_auth/mfa/recovery_code/regenerate", "{}", session);

        assertThat(reply.status()).isEqualTo(200);
        List<String> fresh = MfaUsers.strings(reply.result().get("recovery_codes"));
        assertThat(fresh).hasSize(8).doesNotContainAnyElementsOf(user.recoveryCodes());
        assertThat(authenticate(user, user.recoveryCodes().getFirst()).status()).isEqualTo(401);
        assertThat(authenticate(user, fresh.getFirst()).status()).isEqualTo(200);
    }

    @Test
    void listingIsNotFoundUnlessTheTenantEnablesIt() {
        Enrolled user = MfaUsers.enrollWithToken(auth, uniqueName("nolist"));

        Reply reply = auth.post("/_auth/mfa/recovery_code/list", "{}", session(user));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error().get("message").asString()).isEqualTo("listing recovery code is disabled");
    }

    @Test
    void listingShowsTheUnusedCodesWhenEnabled() {
        Enrolled user = MfaUsers.enrollOnSession(auth, uniqueName("list"));
        String[] session = session(user);

        Reply reply = auth.post("/_auth/mfa/recovery_code/list", "{}", session);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(MfaUsers.strings(reply.result().get("recovery_codes")))
                .containsExactlyInAnyOrderElementsOf(user.recoveryCodes().subList(0, user.recoveryCodes().size() - 1));
    }

    @Test
    void managementNeedsALoggedInUser() {
        String token = authnToken(MfaUsers.signup(auth, APP_MFA_REQUIRED, WEB, uniqueName("anon")));

        Reply reply = auth.post("/_auth/mfa/recovery_code/regenerate", withToken("{}", token), key(APP_MFA, WEB));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error().get("reason").asString()).isEqualTo("NotAuthenticated");
    }
}
