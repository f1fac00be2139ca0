package io.skygear.auth.internal.message;

import io.skygear.core.template.TemplateSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A text message to render and send through {@link Messenger#sendSms}.
 *
 * @param purpose     what sends it, e.g. {@code user_verification} (stored, logged, audited)
 * @param userId      the user it is about, if any
 * @param to          the phone number, E.164
 * @param text        the template
 * @param templateKey the login ID key for keyed templates, if any
 * @param context     the template data
 * @param languages   preferred languages for the tenant's template overrides, best first
 */
public record Sms(String purpose, Optional<String> userId, String to, TemplateSpec text, Optional<String> templateKey,
                  Map<String, Object> context, List<Locale.LanguageRange> languages) {

    public Sms {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(templateKey, "templateKey");
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        languages = List.copyOf(languages);
    }

    /** An unkeyed text message in the default language. */
    public static Sms of(String purpose, String userId, String to, TemplateSpec text, Map<String, Object> context) {
        return new Sms(purpose, Optional.ofNullable(userId), to, text, Optional.empty(), context, List.of());
    }

    /** This message rendered from the templates of login ID key {@code key}. */
    public Sms withTemplateKey(String key) {
        return new Sms(purpose, userId, to, text, Optional.ofNullable(key), context, languages);
    }

    /** This message rendered in the best of {@code languages} the tenant's templates offer. */
    public Sms withLanguages(List<Locale.LanguageRange> languages) {
        return new Sms(purpose, userId, to, text, templateKey, context, languages);
    }
}
