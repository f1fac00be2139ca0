package io.skygear.auth.internal.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;

/**
 * Verifies a JWT signed with an asymmetric key (RSA or EC) against candidate public keys. Only the
 * algorithms of those key types are accepted, so a token cannot downgrade itself to HS256 or
 * {@code none} with a public key as the "secret".
 */
public final class JwsKeys {

    static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    static final Set<JWSAlgorithm> EC = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private JwsKeys() {
    }

    /** Whether the algorithm is one verified with a public key. */
    public static boolean isAsymmetric(JWSAlgorithm algorithm) {
        return RSA.contains(algorithm) || EC.contains(algorithm);
    }

    /** Whether some key of {@code keys} (matching the header's {@code kid}, if any) verifies {@code jwt}. */
    public static boolean verifyWithJwks(SignedJWT jwt, List<JWK> keys) {
        JWSHeader header = jwt.getHeader();
        for (JWK key : keys) {
            if (header.getKeyID() != null && !header.getKeyID().equals(key.getKeyID())) {
                continue;
            }
            if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
                continue;
            }
            try {
                PublicKey publicKey = switch (key) {
                    case RSAKey rsa -> rsa.toPublicKey();
                    case ECKey ec -> ec.toPublicKey();
                    default -> null;
                };
                if (publicKey != null && verify(jwt, publicKey)) {
                    return true;
                }
            } catch (JOSEException e) {
                // a malformed key among the published ones: try the others
            }
        }
        return false;
    }

    /** Whether {@code publicKey} verifies {@code jwt} with an algorithm of its key type. */
    public static boolean verify(SignedJWT jwt, PublicKey publicKey) {
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        try {
            JWSVerifier verifier = switch (publicKey) {
                case RSAPublicKey rsa when RSA.contains(algorithm) -> new RSASSAVerifier(rsa);
                case ECPublicKey ec when EC.contains(algorithm) -> new ECDSAVerifier(ec);
                default -> null;
            };
            return verifier != null && jwt.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }
}
