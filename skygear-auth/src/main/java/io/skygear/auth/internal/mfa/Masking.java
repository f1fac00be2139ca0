package io.skygear.auth.internal.mfa;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * How OOB targets are shown back to the user (§3.8): a phone keeps its country code and the first half
 * of the national number ({@code +85223456789} → {@code +8522345****}); an e-mail keeps the first half
 * of its local part ({@code johndoe@example.com} → {@code joh****@example.com}).
 */
public final class Masking {

    private Masking() {
    }

    public static String phone(String e164) {
        try {
            Phonenumber.PhoneNumber number = PhoneNumberUtil.getInstance().parse(e164, null);
            String national = PhoneNumberUtil.getInstance().getNationalSignificantNumber(number);
            return "+" + number.getCountryCode() + half(national);
        } catch (NumberParseException e) {
            return half(e164);
        }
    }

    public static String email(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? half(email) : half(email.substring(0, at)) + email.substring(at);
    }

    /** The first half (rounded down) kept, the rest replaced by {@code *}. */
    private static String half(String value) {
        int keep = value.length() / 2;
        return value.substring(0, keep) + "*".repeat(value.length() - keep);
    }
}
