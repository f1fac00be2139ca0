package io.skygear.auth;

import static io.skygear.auth.AuthFixture.PASSWORD;
import static io.skygear.auth.AuthFixture.WEB;
import static io.skygear.auth.AuthFixture.bearer;
import static io.skygear.auth.AuthFixture.headers;
import static io.skygear.auth.AuthFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.AuthFixture.Reply;
import io.skygear.auth.internal.mfa.totp.Totp;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Users with MFA for the MFA endpoint tests: sign-up, TOTP enrolment, codes and login steps. */
final class MfaUsers {

    /** A user of {@code appId} with an activated TOTP authenticator. */
    record Enrolled(String appId, String username, String userId, String secret, List<String> recoveryCodes) {
    }

    private MfaUsers() {
    }

    static Reply signup(AuthFixture auth, String appId, String client, String username) {
        return auth.post("/_auth/signup", """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(username, PASSWORD),
                key(appId, client));
    }

    static Reply login(AuthFixture auth, String appId, String client, String username) {
        return auth.post("/_auth/login", """
                {"login_id":"%s","password":"%s"}""".formatted(username, PASSWORD), key(appId, client));
    }

    /** The token of a 401 {@code AuthenticationSession} answer (asserted). */
    static String authnToken(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.error().get("reason").asString()).isEqualTo("AuthenticationSession");
        assertThat(reply.error().get("info").get("step").asString()).isEqualTo("mfa");
        return reply.error().get("info").get("token").asString();
    }

    /** The code of {@code secret} {@code offset} steps from the fixture's now. */
    static String code(AuthFixture auth, String secret, int offset) {
        return Totp.code(secret, auth.clock.instant().plusSeconds(offset * Totp.STEP_SECONDS));
    }

    /** {@code {..., "authn_session_token": token}} added to a JSON object body. */
    static String withToken(String json, String token) {
        return json.substring(0, json.lastIndexOf('}')) + (json.strip().equals("{}") ? "" : ",")
                + "\"authn_session_token\":\"" + token + "\"}";
    }

    /**
     * Signs up {@code username} in {@link AuthFixture#APP_MFA} (no MFA due yet) and enrols TOTP on its
     * session; the code of the current step is used up by the activation.
     */
    static Enrolled enrollOnSession(AuthFixture auth, String username) {
        Reply signup = signup(auth, AuthFixture.APP_MFA, WEB, username);
        assertThat(signup.status()).as(signup.body()).isEqualTo(200);
        String accessToken = signup.result().get("access_token").asString();
        String[] session = headers(key(AuthFixture.APP_MFA, WEB), bearer(accessToken));
        JsonNode created = ok(auth.post("/_auth/mfa/totp/new", "{\"display_name\":\"phone\"}", session));
        String secret = created.get("secret").asString();
        JsonNode activated = ok(auth.post("/_auth/mfa/totp/activate",
                "{\"otp\":\"" + code(auth, secret, 0) + "\"}", session));
        return new Enrolled(AuthFixture.APP_MFA, username, signup.result().get("user").get("id").asString(), secret,
                strings(activated.get("recovery_codes")));
    }

    /**
     * Signs up {@code username} in {@link AuthFixture#APP_MFA_REQUIRED} (401 with a token) and enrols TOTP
     * with that token.
     */
    static Enrolled enrollWithToken(AuthFixture auth, String username) {
        String token = authnToken(signup(auth, AuthFixture.APP_MFA_REQUIRED, WEB, username));
        String[] key = key(AuthFixture.APP_MFA_REQUIRED, WEB);
        JsonNode created = ok(auth.post("/_auth/mfa/totp/new",
                withToken("{\"display_name\":\"phone\"}", token), key));
        String secret = created.get("secret").asString();
        JsonNode activated = ok(auth.post("/_auth/mfa/totp/activate",
                withToken("{\"otp\":\"" + code(auth, secret, 0) + "\"}", token), key));
        String userId = auth.sql().fetchValue(
                "SELECT user_id FROM app._auth_authenticator WHERE id = ?", created.get("authenticator_id").asString())
                .toString();
        return new Enrolled(AuthFixture.APP_MFA_REQUIRED, username, userId, secret,
                strings(activated.get("recovery_codes")));
    }

    static JsonNode ok(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.result();
    }

    static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asString()));
        return list;
    }
}
