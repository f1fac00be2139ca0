package io.skygear.auth.internal.sso.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.skygear.core.config.OAuthProviderConfig;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/**
 * Sign in with Apple: OpenID Connect at {@code https://appleid.apple.com}. The configured
 * {@code client_secret} is the private key (PKCS#8 PEM, {@code .p8}) from which each token request's
 * client secret is made: an ES256 JWT with {@code kid} = {@code key_id}, {@code iss} = {@code team_id},
 * {@code sub} = the client (Services) id. The answer comes back as a form post (Apple requires it when
 * name or e-mail are asked for). Apple has no user-info endpoint, so no access-token flow.
 */
final class AppleProvider extends OidcProvider {

    static final String ISSUER = "https://appleid.apple.com";
    private static final Duration CLIENT_SECRET_LIFETIME = Duration.ofMinutes(5);

    AppleProvider(OAuthProviderConfig config, ProviderHttp http, OidcMetadata metadata, Clock clock) {
        super(config, http, metadata, clock);
    }

    @Override
    protected String issuer() {
        return config.issuer().isEmpty() ? ISSUER : config.issuer();
    }

    @Override
    protected Map<String, String> oidcAuthorizationParameters(AuthorizationRequest request) {
        return Map.of("response_mode", "form_post");
    }

    @Override
    public boolean supportsAccessTokenFlow() {
        return false;
    }

    @Override
    protected String clientSecret() {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(config.teamId())
                .subject(config.clientId())
                .audience(ISSUER)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(CLIENT_SECRET_LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(config.keyId()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(privateKey(config.clientSecret())));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the Apple client secret with the configured key", e);
        }
        return jwt.serialize();
    }

    /** The EC private key of a PKCS#8 PEM. */
    static ECPrivateKey privateKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("the client_secret of an apple provider must be its PKCS#8 EC private key (PEM)", e);
        }
    }
}
