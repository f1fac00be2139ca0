package io.skygear.auth.internal.loginid;

import io.skygear.core.config.LoginIdType;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The folded form of a login ID, used for lookups and uniqueness while the value itself is stored as
 * typed (DESIGN.md deviation 6): Unicode NFKC for every type, and e-mail addresses additionally
 * lower-cased (after NFKC, locale-independent), so {@code ＡＢＣ@Example.COM} folds to
 * {@code abc@example.com}. Raw and phone values stay case-sensitive.
 */
public final class LoginIdNormalizer {

    private LoginIdNormalizer() {
    }

    public static String normalize(LoginIdType type, String value) {
        String nfkc = Normalizer.normalize(value, Normalizer.Form.NFKC);
        return type == LoginIdType.EMAIL ? nfkc.toLowerCase(Locale.ROOT) : nfkc;
    }
}
