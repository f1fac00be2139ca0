package io.skygear.auth.internal.customtoken;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.skygear.auth.internal.sso.ClaimChecks;
import io.skygear.auth.internal.sso.HmacJwt;
import io.skygear.auth.internal.sso.JwsKeys;
import io.skygear.auth.internal.sso.SsoErrors;
import io.skygear.auth.internal.sso.provider.OidcMetadata;
import io.skygear.core.config.CustomTokenConfig;
import io.skygear.core.error.SkygearException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a custom token: signature (HS256 with {@code secret}; RS256/ES256 — or the other RSA/EC
 * algorithms — with {@code public_key} or the keys at {@code jwks_url}), {@code iss} equal to the
 * configured issuer, {@code aud} containing the configured audience when the token has one, {@code sub},
 * {@code exp} and {@code iat} present, {@code exp}/{@code nbf}/{@code iat} valid now. Any failure is 401
 * {@code SSOFailed/Unauthorized} "unauthorized token".
 */
public final class CustomTokenVerifier {

    private final OidcMetadata keys;
    private final Clock clock;

    public CustomTokenVerifier(OidcMetadata keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The token's claims, once it passed every check. */
    public Map<String, Object> verify(CustomTokenConfig config, String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!signatureValid(config, jwt)) {
                throw unauthorized();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Optional<String> audience = claims.getAudience() == null || claims.getAudience().isEmpty()
                    ? Optional.empty() : Optional.of(config.audience());
            if (claims.getSubject() == null || claims.getSubject().isEmpty()
                    || ClaimChecks.problem(claims, Optional.of(config.issuer()), audience, true, clock.instant()).isPresent()) {
                throw unauthorized();
            }
            return claims.toJSONObject();
        } catch (ParseException e) {
            throw unauthorized();
        }
    }

    private boolean signatureValid(CustomTokenConfig config, SignedJWT jwt) {
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (JWSAlgorithm.HS256.equals(algorithm)) {
            try {
                return !config.secret().isEmpty() && jwt.verify(new HmacJwt(config.secret()));
            } catch (JOSEException e) {
                return false;
            }
        }
        if (!JwsKeys.isAsymmetric(algorithm)) {
            return false;
        }
        if (!config.publicKey().isEmpty()) {
            return publicKey(config.publicKey()).map(key -> JwsKeys.verify(jwt, key)).orElse(false);
        }
        if (!config.jwksUrl().isEmpty()) {
            return JwsKeys.verifyWithJwks(jwt, keys.keys(URI.create(config.jwksUrl()),
                    Optional.ofNullable(jwt.getHeader().getKeyID())));
        }
        return false;
    }

    /** The RSA or EC key of a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo). */
    static Optional<PublicKey> publicKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                return Optional.of(KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der)));
            } catch (GeneralSecurityException e) {
                // not of this type: try the next
            }
        }
        return Optional.empty();
    }

    static SkygearException unauthorized() {
        return SsoErrors.failed(SsoErrors.Cause.Unauthorized, "unauthorized token");
    }
}
