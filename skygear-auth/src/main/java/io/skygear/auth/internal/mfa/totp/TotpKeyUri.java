package io.skygear.auth.internal.mfa.totp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code otpauth://totp/[issuer:]account?secret=…[&issuer=…]} URI authenticator apps import (Google
 * Authenticator key URI format); algorithm, digits and period are the apps' defaults and left out.
 */
public final class TotpKeyUri {

    private TotpKeyUri() {
    }

    public static String of(String secret, String accountName, Optional<String> issuer) {
        String label = issuer.map(i -> escape(i) + ":").orElse("") + escape(accountName);
        return "otpauth://totp/" + label + "?secret=" + secret
                + issuer.map(i -> "&issuer=" + escape(i)).orElse("");
    }

    /** Percent-encoding with spaces as {@code %20}, valid in both the path and the query. */
    private static String escape(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
