package io.skygear.auth.internal.message;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Recipients as logs show them, the original's masks: the first half of an e-mail's local part
 * ({@code johndoe@example.com} → {@code joh****@example.com}), the country code and first half of a
 * phone number's national part ({@code +85223456789} → {@code +8522345****}).
 */
final class Recipients {

    private Recipients() {
    }

    static String maskEmail(String email) {
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return "*".repeat(email.length());
        }
        int keep = at / 2;
        return email.substring(0, keep) + "*".repeat(at - keep) + email.substring(at);
    }

    static String maskPhone(String phone) {
        if (!phone.startsWith("+") || phone.length() < 4) {
            return "*".repeat(phone.length());
        }
        int cc;
        try {
            cc = Integer.toString(PhoneNumberUtil.getInstance().parse(phone, null).getCountryCode()).length();
        } catch (NumberParseException e) {
            return "*".repeat(phone.length());
        }
        String national = phone.substring(1 + cc);
        int keep = national.length() / 2;
        return phone.substring(0, 1 + cc) + national.substring(0, keep) + "*".repeat(national.length() - keep);
    }
}
