package io.skygear.auth.internal.loginid;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;

/**
 * Strict E.164, as the original checked it: the value must parse as an international number and
 * format back to exactly itself ({@code +85223456789}; no spaces, dashes, extensions or national form).
 */
final class PhoneFormat {

    private static final PhoneNumberUtil PHONE = PhoneNumberUtil.getInstance();
    // no default region: only "+<country code>…" parses
    private static final String UNKNOWN_REGION = "ZZ";

    private PhoneFormat() {
    }

    static boolean isE164(String value) {
        try {
            return PHONE.format(PHONE.parse(value, UNKNOWN_REGION), PhoneNumberFormat.E164).equals(value);
        } catch (NumberParseException e) {
            return false;
        }
    }
}
