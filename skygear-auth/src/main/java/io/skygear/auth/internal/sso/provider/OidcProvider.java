package io.skygear.auth.internal.sso.provider;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.skygear.auth.internal.sso.ClaimChecks;
import io.skygear.auth.internal.sso.JwsKeys;
import io.skygear.core.config.OAuthProviderConfig;
import io.skygear.core.error.SkygearException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * An OpenID Connect provider: endpoints from the issuer's discovery document, the user from the ID
 * token, verified against the issuer's JWK set: signature (RSA or EC), {@code iss} (the discovered
 * issuer), {@code aud} containing the client id, {@code exp}/{@code iat}/{@code nbf}, and {@code nonce}
 * equal to the one sent in the authorization URL. The access-token flow reads the user-info endpoint.
 */
abstract class OidcProvider extends OAuth2Provider {

    private static final Logger LOG = LoggerFactory.getLogger(OidcProvider.class);

    protected final OidcMetadata metadata;
    protected final Clock clock;

    OidcProvider(OAuthProviderConfig config, ProviderHttp http, OidcMetadata metadata, Clock clock) {
        super(config, http);
        this.metadata = metadata;
        this.clock = clock;
    }

    /** The issuer whose discovery document describes the provider. */
    protected abstract String issuer();

    /** The provider's user id among the ID token's claims ({@code sub} unless the provider says otherwise). */
    protected String userId(Map<String, Object> claims) {
        return string(claims, "sub");
    }

    /** Parameters besides {@code nonce} that the provider needs in the authorization URL. */
    protected Map<String, String> oidcAuthorizationParameters(AuthorizationRequest request) {
        return Map.of();
    }

    /** The issuer the ID token must name: the discovered one, unless it is a template (Azure's multi-tenant). */
    protected Optional<String> expectedIssuer() {
        String discovered = discovery().path("issuer").asString("");
        return discovered.isEmpty() || discovered.contains("{") ? Optional.empty() : Optional.of(discovered);
    }

    protected final JsonNode discovery() {
        return metadata.discovery(issuer());
    }

    @Override
    protected Endpoints builtInEndpoints() {
        JsonNode doc = discovery();
        return new Endpoints(
                uri(doc, "authorization_endpoint"),
                uri(doc, "token_endpoint"),
                text(doc, "userinfo_endpoint").map(URI::create),
                text(doc, "jwks_uri").map(URI::create));
    }

    @Override
    protected final Map<String, String> extraAuthorizationParameters(AuthorizationRequest request) {
        Map<String, String> params = new LinkedHashMap<>(oidcAuthorizationParameters(request));
        params.put("nonce", request.nonce());
        return params;
    }

    @Override
    protected ProviderUser userFromTokenResponse(JsonNode tokenResponse, String accessToken, String nonce) {
        String idToken = text(tokenResponse, "id_token").orElseThrow(ProviderHttp::oauthFailed);
        Map<String, Object> claims = verifiedClaims(idToken, nonce);
        return new ProviderUser(userId(claims), providerKeys(), Optional.ofNullable(string(claims, "email")),
                claims, kept(tokenResponse));
    }

    @Override
    protected ProviderUser toUser(JsonNode userInfo, Map<String, Object> tokenResponse) {
        Map<String, Object> claims = map(userInfo);
        return new ProviderUser(userId(claims), providerKeys(), text(userInfo, "email"), claims, tokenResponse);
    }

    private Map<String, Object> verifiedClaims(String idToken, String nonce) {
        try {
            SignedJWT jwt = SignedJWT.parse(idToken);
            if (!JwsKeys.isAsymmetric(jwt.getHeader().getAlgorithm())) {
                throw refused("ID token algorithm " + jwt.getHeader().getAlgorithm());
            }
            URI jwks = endpoints().jwks().orElseThrow(() -> refused("no jwks_uri"));
            if (!JwsKeys.verifyWithJwks(jwt, metadata.keys(jwks, Optional.ofNullable(jwt.getHeader().getKeyID())))) {
                throw refused("ID token signature");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Optional<String> problem = ClaimChecks.problem(claims, expectedIssuer(), Optional.of(config.clientId()), true,
                    clock.instant());
            if (problem.isPresent()) {
                throw refused("ID token " + problem.get());
            }
            String tokenNonce = claims.getStringClaim("nonce");
            if (tokenNonce == null || !MessageDigest.isEqual(tokenNonce.getBytes(StandardCharsets.UTF_8),
                    nonce.getBytes(StandardCharsets.UTF_8))) {
                throw refused("ID token nonce");
            }
            return claims.toJSONObject();
        } catch (ParseException e) {
            throw refused("malformed ID token");
        }
    }

    private SkygearException refused(String why) {
        LOG.info("SSO provider {} ({}): refused: {}", config.id(), config.type().wireValue(), why);
        return ProviderHttp.oauthFailed();
    }

    private static URI uri(JsonNode doc, String name) {
        return text(doc, name).map(URI::create).orElseThrow(ProviderHttp::oauthFailed);
    }

    protected static String string(Map<String, Object> claims, String name) {
        return claims.get(name) instanceof String s && !s.isEmpty() ? s : null;
    }
}
