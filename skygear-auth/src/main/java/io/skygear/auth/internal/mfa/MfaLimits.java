package io.skygear.auth.internal.mfa;

import io.skygear.core.config.MfaConfig;
import java.util.List;

/**
 * Whether a user may add one more authenticator (the original's {@code CanAddAuthenticator}): never
 * unless {@code mfa.enabled}; activated authenticators stay within {@code mfa.maximum}, TOTP within
 * {@code totp.maximum}, SMS and e-mail within their {@code oob.*.maximum}.
 */
final class MfaLimits {

    private MfaLimits() {
    }

    /** @throws io.skygear.core.error.SkygearException 400 {@code InvalidMFARequest/TooManyAuthenticator} */
    static void checkCanAddTotp(MfaConfig mfa, List<TotpAuthenticator> totps, List<OobAuthenticator> oobs) {
        long activeTotps = totps.stream().filter(TotpAuthenticator::activated).count();
        check(mfa, totps, oobs, activeTotps < mfa.totp().maximum());
    }

    /** @throws io.skygear.core.error.SkygearException 400 {@code InvalidMFARequest/TooManyAuthenticator} */
    static void checkCanAddOob(MfaConfig mfa, List<TotpAuthenticator> totps, List<OobAuthenticator> oobs,
                               OobChannel channel) {
        long sameChannel = oobs.stream().filter(o -> o.activated() && o.channel() == channel).count();
        int maximum = switch (channel) {
            case SMS -> mfa.oob().sms().maximum();
            case EMAIL -> mfa.oob().email().maximum();
        };
        check(mfa, totps, oobs, sameChannel < maximum);
    }

    private static void check(MfaConfig mfa, List<TotpAuthenticator> totps, List<OobAuthenticator> oobs,
                              boolean withinTypeLimit) {
        long active = totps.stream().filter(TotpAuthenticator::activated).count()
                + oobs.stream().filter(OobAuthenticator::activated).count();
        if (!mfa.enabled() || active >= mfa.maximum() || !withinTypeLimit) {
            throw MfaErrors.tooManyAuthenticator();
        }
    }
}
