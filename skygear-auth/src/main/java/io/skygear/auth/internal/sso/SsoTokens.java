package io.skygear.auth.internal.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.skygear.auth.hook.SessionCreateEvent;
import io.skygear.core.tenant.TenantContext;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs and reads the gear's own SSO JWTs: the {@code state} of a flow and the authorization code.
 * Both are HS256 with {@code sso.oauth.state_jwt_secret}, {@code aud} = the app id, and expire
 * {@link #LIFETIME} after they are made. A code is told from a state by its {@code typ} claim, so
 * one cannot be passed for the other.
 */
public final class SsoTokens {

    /** How long a state or a code is accepted. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    private static final String TYPE = "skygear_sso";
    private static final String STATE = "state";
    private static final String CODE = "code";

    private final Clock clock;

    public SsoTokens(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String signState(TenantContext tenant, SsoState state) {
        JWTClaimsSet.Builder claims = base(tenant, STATE)
                .claim("action", state.action().wireName())
                .claim("on_user_duplicate", state.onUserDuplicate().wireName())
                .claim("ux_mode", state.uxMode().wireName())
                .claim("callback_url", state.callbackUrl())
                .claim("code_challenge", state.codeChallenge())
                .claim("nonce", state.nonceHash())
                .claim("api_client_id", state.apiClientId())
                .claim("merge_realm", SsoState.MERGE_REALM);
        state.userId().ifPresent(id -> claims.claim("user_id", id));
        return sign(tenant, claims.build());
    }

    /** @throws io.skygear.core.error.SkygearException 401 {@code SSOFailed/InvalidParams} "invalid sso state" */
    public SsoState readState(TenantContext tenant, String jwt) {
        JWTClaimsSet c = read(tenant, jwt, STATE).orElseThrow(SsoErrors::invalidState);
        try {
            return new SsoState(
                    SsoAction.parse(c.getStringClaim("action")).orElseThrow(SsoErrors::invalidState),
                    OnUserDuplicate.parse(c.getStringClaim("on_user_duplicate")).orElseThrow(SsoErrors::invalidState),
                    Optional.ofNullable(c.getStringClaim("user_id")),
                    UxMode.parse(c.getStringClaim("ux_mode")).orElseThrow(SsoErrors::invalidState),
                    required(c.getStringClaim("callback_url")),
                    required(c.getStringClaim("code_challenge")),
                    Objects.requireNonNullElse(c.getStringClaim("nonce"), ""),
                    Objects.requireNonNullElse(c.getStringClaim("api_client_id"), ""));
        } catch (ParseException | NullPointerException e) {
            throw SsoErrors.invalidState();
        }
    }

    /** A new single-use code for the outcome of a callback. */
    public String signCode(TenantContext tenant, SsoAction action, String codeChallenge, String userId,
                           String principalId, SessionCreateEvent.Reason reason) {
        return sign(tenant, base(tenant, CODE)
                .jwtID(UUID.randomUUID().toString())
                .claim("action", action.wireName())
                .claim("code_challenge", codeChallenge)
                .claim("user_id", userId)
                .claim("principal_id", principalId)
                .claim("session_create_reason", reason.name().toLowerCase(Locale.ROOT))
                .build());
    }

    /**
     * The code's content, if it is one of ours, of this tenant and not expired.
     *
     * @throws io.skygear.core.error.SkygearException 401 {@code SSOFailed/InvalidParams} "invalid authorization code"
     */
    public AuthorizationCode readCode(TenantContext tenant, String jwt) {
        JWTClaimsSet c = read(tenant, jwt, CODE).orElseThrow(SsoTokens::invalidCode);
        try {
            return new AuthorizationCode(
                    required(c.getJWTID()),
                    SsoAction.parse(c.getStringClaim("action")).orElseThrow(SsoTokens::invalidCode),
                    required(c.getStringClaim("code_challenge")),
                    required(c.getStringClaim("user_id")),
                    required(c.getStringClaim("principal_id")),
                    SessionCreateEvent.Reason.valueOf(required(c.getStringClaim("session_create_reason"))
                            .toUpperCase(Locale.ROOT)),
                    c.getExpirationTime().toInstant());
        } catch (ParseException | RuntimeException e) {
            throw invalidCode();
        }
    }

    static io.skygear.core.error.SkygearException invalidCode() {
        return SsoErrors.failed(SsoErrors.Cause.InvalidParams, "invalid authorization code");
    }

    private JWTClaimsSet.Builder base(TenantContext tenant, String type) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .audience(tenant.appId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("typ", TYPE + "_" + type);
    }

    private static String sign(TenantContext tenant, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new HmacJwt(secret(tenant)));
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }

    /** Claims of a valid token of {@code type} for this tenant; empty for anything else. */
    private Optional<JWTClaimsSet> read(TenantContext tenant, String token, String type) {
        String secret = tenant.config().userConfig().sso().oauth().stateJwtSecret();
        if (token == null || token.isEmpty() || token.length() > 8192 || secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(new HmacJwt(secret))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            boolean valid = (TYPE + "_" + type).equals(claims.getStringClaim("typ"))
                    && ClaimChecks.problem(claims, Optional.empty(), Optional.of(tenant.appId()), true,
                    clock.instant()).isEmpty()
                    // our own tokens get no leeway on expiry
                    && claims.getExpirationTime().toInstant().isAfter(clock.instant());
            return valid ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String secret(TenantContext tenant) {
        String secret = tenant.config().userConfig().sso().oauth().stateJwtSecret();
        if (secret == null || secret.isEmpty()) {
            throw new IllegalStateException("sso.oauth.state_jwt_secret is not configured");
        }
        return secret;
    }

    private static String required(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing claim");
        }
        return value;
    }
}
