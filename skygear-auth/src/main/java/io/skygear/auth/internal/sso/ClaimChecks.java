package io.skygear.auth.internal.sso;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The registered-claim checks shared by ID tokens, custom tokens and the gear's own state and code
 * JWTs, against an injected clock: issuer and audience, {@code exp} in the future, {@code nbf} and
 * {@code iat} not in the future, each with {@link #SKEW} of leeway.
 */
public final class ClaimChecks {

    /** Leeway for clocks that differ a little between the issuer and us. */
    public static final Duration SKEW = Duration.ofSeconds(60);

    private ClaimChecks() {
    }

    /**
     * The first problem with {@code claims}, or empty when they pass.
     *
     * @param issuer          the exact {@code iss} required; empty = not checked
     * @param audience        a value {@code aud} must contain; empty = not checked
     * @param requireIssuedAt whether {@code iat} must be present
     */
    public static Optional<String> problem(JWTClaimsSet claims, Optional<String> issuer, Optional<String> audience,
                                           boolean requireIssuedAt, Instant now) {
        if (issuer.isPresent() && !issuer.get().equals(claims.getIssuer())) {
            return Optional.of("issuer");
        }
        List<String> aud = claims.getAudience();
        if (audience.isPresent() && (aud == null || !aud.contains(audience.get()))) {
            return Optional.of("audience");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().plus(SKEW).isAfter(now)) {
            return Optional.of("expiry");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().minus(SKEW).isAfter(now)) {
            return Optional.of("not before");
        }
        Date iat = claims.getIssueTime();
        if (iat == null ? requireIssuedAt : iat.toInstant().minus(SKEW).isAfter(now)) {
            return Optional.of("issued at");
        }
        return Optional.empty();
    }
}
