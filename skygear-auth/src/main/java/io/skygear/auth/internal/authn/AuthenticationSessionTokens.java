package io.skygear.auth.internal.authn;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.skygear.auth.hook.SessionCreateEvent;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.tenant.TenantContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of an authentication session (§5.4): a JWT, HS256 with the tenant's
 * {@code auth.authentication_session.secret}, {@code iat}, {@code exp} five minutes later and the claim
 * {@code authn_session} {client_id, user_id, principal_id, principal_type, principal_updated_at,
 * required_steps, finished_steps, session_create_reason} plus {@code app_id}. The signature is computed
 * with the JDK's HMAC, so that secrets shorter than 256 bits work as they did in the original.
 */
public final class AuthenticationSessionTokens {

    public static final Duration LIFETIME = Duration.ofMinutes(5);
    public static final String INVALID_REASON = "InvalidAuthenticationSession";

    private static final String CLAIM = "authn_session";

    private final Clock clock;

    public AuthenticationSessionTokens(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String issue(TenantContext tenant, AuthenticationSession session) {
        Instant now = clock.instant();
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("app_id", session.appId());
        claim.put("client_id", session.clientId());
        claim.put("user_id", session.userId());
        claim.put("principal_id", session.principalId());
        claim.put("principal_type", session.principalType());
        claim.put("principal_updated_at", session.principalUpdatedAt().toString());
        claim.put("required_steps", session.requiredSteps());
        claim.put("finished_steps", session.finishedSteps());
        claim.put("session_create_reason", session.reason().name().toLowerCase(Locale.ROOT));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim(CLAIM, claim)
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();
        Base64URL head = header.toBase64URL();
        Base64URL payload = Base64URL.encode(claims.toString());
        String signingInput = head + "." + payload;
        return signingInput + "." + Base64URL.encode(hmac(tenant, signingInput));
    }

    /**
     * The session of a valid token of this tenant.
     *
     * @throws SkygearException 400 {@code Invalid/InvalidAuthenticationSession} for a malformed, forged,
     *     expired or another tenant's token
     */
    public AuthenticationSession verify(TenantContext tenant, String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || !MessageDigest.isEqual(hmac(tenant, new String(jwt.getSigningInput(), StandardCharsets.US_ASCII)),
                    jwt.getSignature().decode())) {
                throw invalid();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (expiry == null || !clock.instant().isBefore(expiry.toInstant())) {
                throw invalid();
            }
            Map<String, Object> c = claims.getJSONObjectClaim(CLAIM);
            if (c == null || !tenant.appId().equals(c.get("app_id"))) {
                throw invalid();
            }
            return new AuthenticationSession(string(c, "app_id"), string(c, "client_id"), string(c, "user_id"),
                    string(c, "principal_id"), string(c, "principal_type"),
                    Instant.parse(string(c, "principal_updated_at")),
                    SessionCreateEvent.Reason.valueOf(string(c, "session_create_reason").toUpperCase(Locale.ROOT)),
                    strings(c, "required_steps"), strings(c, "finished_steps"));
        } catch (ParseException | RuntimeException e) {
            if (e instanceof SkygearException s) {
                throw s;
            }
            throw invalid();
        }
    }

    /** 400 {@code Invalid/InvalidAuthenticationSession}. */
    public static SkygearException invalid() {
        return new SkygearException(ErrorName.INVALID, INVALID_REASON, "invalid authentication session");
    }

    private static byte[] hmac(TenantContext tenant, String signingInput) {
        byte[] configured = tenant.config().userConfig().auth().authenticationSession().secret()
                .getBytes(StandardCharsets.UTF_8);
        // an empty secret is refused by SecretKeySpec; one zero byte is the same HMAC key (zero-padded)
        byte[] secret = configured.length == 0 ? new byte[1] : configured;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String string(Map<String, Object> claim, String name) {
        if (claim.get(name) instanceof String s) {
            return s;
        }
        throw invalid();
    }

    private static List<String> strings(Map<String, Object> claim, String name) {
        if (claim.get(name) instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw invalid();
    }
}
