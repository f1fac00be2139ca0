package io.skygear.auth.internal.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 signer and verifier over a configured secret of any length. Nimbus' own MAC classes refuse
 * secrets under 256 bits, while the original's configurations (and its custom-token examples) use
 * shorter ones. Signatures are compared in constant time.
 */
public final class HmacJwt implements JWSSigner, JWSVerifier {

    private final byte[] secret;
    private final JCAContext jca = new JCAContext();

    public HmacJwt(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("an HS256 secret must not be empty");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        requireHs256(header);
        return Base64URL.encode(mac(signingInput));
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        return JWSAlgorithm.HS256.equals(header.getAlgorithm())
                && MessageDigest.isEqual(mac(signingInput), signature.decode());
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.HS256);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }

    private byte[] mac(byte[] input) throws JOSEException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new JOSEException("HmacSHA256 unavailable", e);
        }
    }

    private static void requireHs256(JWSHeader header) throws JOSEException {
        if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
            throw new JOSEException("only HS256 is signed here, not " + header.getAlgorithm());
        }
    }
}
