package io.skygear.auth.sso;

import static io.skygear.auth.sso.SsoFixture.APP;
import static io.skygear.auth.sso.SsoFixture.AUDIENCE;
import static io.skygear.auth.sso.SsoFixture.ISSUER;
import static io.skygear.auth.sso.SsoFixture.QUOTA;
import static io.skygear.auth.sso.SsoFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.skygear.auth.internal.sso.HmacJwt;
import io.skygear.auth.sso.SsoFixture.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /_auth/sso/custom_token/login}: the reference's examples (issuer {@code myissuer}, audience
 * {@code myaudience}, secret {@code ssosecret}), every claim check, and RS256/ES256 with a PEM public key
 * or a JWKS URL.
 */
class CustomTokenLoginTest {

    static SsoFixture sso;

    @BeforeAll
    static void start() {
        sso = new SsoFixture();
    }

    @AfterAll
    static void stop() {
        sso.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Valid claims for {@code sub}: issuer, audience, iat now, exp in an hour, and an e-mail address. */
    static JWTClaimsSet.Builder claims(String sub) {
        Instant now = sso.clock.instant();
        return new JWTClaimsSet.Builder().subject(sub).issuer(ISSUER).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("email", sub + "@example.com");
    }

    static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm, String keyId, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static String hs256(JWTClaimsSet claims) {
        return sign(claims, JWSAlgorithm.HS256, null, new HmacJwt(SECRET));
    }

    static Reply login(String app, String token) {
        return sso.post("/_auth/sso/custom_token/login", "{\"token\":\"" + token + "\"}", SsoFixture.key(app));
    }

    static Reply login(String app, String token, String onUserDuplicate) {
        return sso.post("/_auth/sso/custom_token/login",
                "{\"token\":\"" + token + "\",\"on_user_duplicate\":\"" + onUserDuplicate + "\"}", SsoFixture.key(app));
    }

    static void assertUnauthorizedToken(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.error().get("reason").asString()).isEqualTo("SSOFailed");
        assertThat(reply.error().get("message").asString()).isEqualTo("unauthorized token");
        assertThat(reply.error().get("info").get("cause").get("kind").asString()).isEqualTo("Unauthorized");
    }

    @Nested
    class ReferenceExamples {

        @Test
        void aValidTokenSignsUpWithACustomTokenIdentity() {
            String sub = unique("ct");
            Reply reply = login(APP, hs256(claims(sub).claim("role", "admin").build()));

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode identity = reply.result().get("identity");
            assertThat(identity.get("type").asString()).isEqualTo("custom_token");
            assertThat(identity.get("provider_user_id").asString()).isEqualTo(sub);
            assertThat(identity.get("raw_profile").get("role").asString()).isEqualTo("admin");
            assertThat(identity.get("raw_profile").get("iss").asString()).isEqualTo(ISSUER);
            assertThat(identity.get("claims").toString()).isEqualTo("{\"email\":\"" + sub + "@example.com\"}");
            assertThat(reply.result().get("access_token").asString()).isNotEmpty();
        }

        @Test
        void theSameSubLogsTheSameUserIn() {
            String sub = unique("again");
            String first = login(APP, hs256(claims(sub).build())).result().get("user").get("id").asString();
            Reply second = login(APP, hs256(claims(sub).claim("email", "new-" + sub + "@example.com").build()));

            assertThat(second.result().get("user").get("id").asString()).isEqualTo(first);
            assertThat(second.result().get("identity").get("claims").get("email").asString())
                    .isEqualTo("new-" + sub + "@example.com");
        }

        @Test
        void aNewUserBeyondThePlansMostUsersIsRefusedButExistingOnesLogIn() {
            String member = unique("member");
            assertThat(login(QUOTA, hs256(claims(member).build())).status()).isEqualTo(200);

            Reply refused = login(QUOTA, hs256(claims(unique("newcomer")).build()));

            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().get("error").get("reason").asString()).isEqualTo("UserQuotaExceeded");
            assertThat(login(QUOTA, hs256(claims(member).build())).status()).isEqualTo(200);
        }

        @Test
        void anExpiredTokenIsUnauthorized() {
            Instant past = sso.clock.instant().minus(Duration.ofHours(2));
            assertUnauthorizedToken(login(APP, hs256(claims(unique("old"))
                    .issueTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofMinutes(30)))).build())));
        }

        @Test
        void aDisabledCustomTokenIsNotFound() {
            Reply reply = login(SsoFixture.OFF, hs256(claims(unique("off")).build()));

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.error().get("message").asString()).isEqualTo("custom token is disabled");
        }

        @Test
        void anEmailOfAPasswordUserIsLoginIdAlreadyUsedByDefault() {
            String sub = unique("taken");
            sso.signup(APP, sub + "@example.com");
            Reply reply = login(APP, hs256(claims(sub).build()));

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.error().get("reason").asString()).isEqualTo("LoginIDAlreadyUsed");
        }
    }

    @Nested
    class Claims {

        static Reply with(UnaryOperator<JWTClaimsSet.Builder> change) {
            return login(APP, hs256(change.apply(claims(unique("claims"))).build()));
        }

        @Test
        void theIssuerMustBeTheConfiguredOne() {
            assertUnauthorizedToken(with(c -> c.issuer("someone-else")));
            assertUnauthorizedToken(with(c -> c.issuer(null)));
        }

        @Test
        void anAudienceMustIncludeTheConfiguredOneButMayBeAbsent() {
            assertUnauthorizedToken(with(c -> c.audience("other-app")));
            assertThat(with(c -> c.audience((String) null)).status()).isEqualTo(200);
        }

        @Test
        void subExpAndIatAreRequired() {
            assertUnauthorizedToken(with(c -> c.subject(null)));
            assertUnauthorizedToken(with(c -> c.expirationTime(null)));
            assertUnauthorizedToken(with(c -> c.issueTime(null)));
        }

        @Test
        void aTokenNotYetValidIsRefused() {
            Instant later = sso.clock.instant().plus(Duration.ofMinutes(10));
            assertUnauthorizedToken(with(c -> c.notBeforeTime(Date.from(later))));
            assertUnauthorizedToken(with(c -> c.issueTime(Date.from(later))));
        }

        @Test
        void aWrongSecretOrNoSignatureIsRefused() {
            assertUnauthorizedToken(login(APP, sign(claims(unique("forged")).build(), JWSAlgorithm.HS256, null,
                    new HmacJwt("not-the-secret"))));
            assertUnauthorizedToken(login(APP, new PlainJWT(claims(unique("plain")).build()).serialize()));
            assertUnauthorizedToken(login(APP, "not.a.jwt"));
        }

        @Test
        void anEmptyTokenIsAValidationError() {
            Reply reply = login(APP, "");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("reason").asString()).isEqualTo("ValidationFailed");
        }
    }

    @Nested
    class DuplicateEmail {

        @Test
        void mergeAttachesToThePasswordUserWhenAllowed() {
            String sub = unique("merge");
            String userId = sso.signup(APP, sub + "@example.com").get("user").get("id").asString();
            Reply reply = login(APP, hs256(claims(sub).build()), "merge");

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.result().get("user").get("id").asString()).isEqualTo(userId);
        }

        @Test
        void createMakesANewUserWhenAllowed() {
            String sub = unique("create");
            String userId = sso.signup(APP, sub + "@example.com").get("user").get("id").asString();
            Reply reply = login(APP, hs256(claims(sub).build()), "create");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().get("user").get("id").asString()).isNotEqualTo(userId);
        }

        @Test
        void mergeAndCreateAreRefusedWhereTheFlagsAreOff() {
            for (String mode : new String[] {"merge", "create"}) {
                Reply reply = login(SsoFixture.STRICT, hs256(claims(unique("strict")).build()), mode);

                assertThat(reply.status()).as(mode).isEqualTo(400);
                assertThat(reply.error().get("info").get("causes").get(0).get("pointer").asString())
                        .isEqualTo("/on_user_duplicate");
            }
        }
    }

    @Nested
    class PublicKeys {

        @Test
        void rs256WithTheConfiguredPemPublicKey() throws JOSEException {
            Reply reply = login(APP, sign(claims(unique("rsa")).build(), JWSAlgorithm.RS256, null, new RSASSASigner(sso.rsa)));

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        }

        @Test
        void es256WithTheConfiguredPemPublicKey() throws JOSEException {
            Reply reply = login(SsoFixture.EC, sign(claims(unique("ec")).build(), JWSAlgorithm.ES256, null,
                    new ECDSASigner(sso.ec)));

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        }

        @Test
        void rs256AndEs256WithKeysFromTheJwksUrl() throws JOSEException {
            Reply rsa = login(SsoFixture.JWKS, sign(claims(unique("jr")).build(), JWSAlgorithm.RS256, "rsa-1",
                    new RSASSASigner(sso.rsa)));
            Reply ec = login(SsoFixture.JWKS, sign(claims(unique("je")).build(), JWSAlgorithm.ES256, "ec-1",
                    new ECDSASigner(sso.ec)));

            assertThat(rsa.status()).as(rsa.body()).isEqualTo(200);
            assertThat(ec.status()).as(ec.body()).isEqualTo(200);
        }

        @Test
        void aKeyThatIsNotTheConfiguredOneIsRefused() throws JOSEException {
            assertUnauthorizedToken(login(SsoFixture.EC, sign(claims(unique("x")).build(), JWSAlgorithm.RS256, null,
                    new RSASSASigner(sso.rsa))));
            assertUnauthorizedToken(login(SsoFixture.JWKS, sign(claims(unique("y")).build(), JWSAlgorithm.ES256, "ec-1",
                    new ECDSASigner(sso.apple))));
        }

        @Test
        void theSecretAsAnHmacKeyForAnAsymmetricTenantStillNeedsTheSecret() {
            // HS256 is verified with the secret only: the public key is never used as an HMAC key
            String publicPem = SsoFixture.pem(sso.rsa);
            assertUnauthorizedToken(login(APP, sign(claims(unique("confused")).build(), JWSAlgorithm.HS256, null,
                    new HmacJwt(publicPem))));
        }
    }
}
