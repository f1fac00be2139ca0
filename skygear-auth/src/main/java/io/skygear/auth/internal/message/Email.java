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
 * An e-mail to render and send through {@link Messenger#sendEmail}.
 *
 * @param purpose     what sends it, e.g. {@code forgot_password} (stored, logged, audited)
 * @param userId      the user it is about, if any
 * @param to          the recipient address
 * @param sender      the From address
 * @param subject     the subject line
 * @param replyTo     the Reply-To address, if any
 * @param text        the text template
 * @param html        the HTML template, if any
 * @param templateKey the login ID key for keyed templates, if any
 * @param context     the template data
 * @param languages   preferred languages for the tenant's template overrides, best first
 */
public record Email(String purpose, Optional<String> userId, String to, String sender, String subject,
                    Optional<String> replyTo, TemplateSpec text, Optional<TemplateSpec> html,
                    Optional<String> templateKey, Map<String, Object> context, List<Locale.LanguageRange> languages) {

    public Email {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(templateKey, "templateKey");
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        languages = List.copyOf(languages);
    }

    /** An e-mail with a text and an HTML template, no Reply-To, unkeyed, in the default language. */
    public static Email of(String purpose, String userId, String to, String sender, String subject, TemplateSpec text,
                           TemplateSpec html, Map<String, Object> context) {
        return new Email(purpose, Optional.ofNullable(userId), to, sender, subject, Optional.empty(), text,
                Optional.ofNullable(html), Optional.empty(), context, List.of());
    }

    /** This e-mail with a Reply-To address (null or blank for none). */
    public Email withReplyTo(String replyTo) {
        return new Email(purpose, userId, to, sender, subject, Optional.ofNullable(replyTo).filter(s -> !s.isBlank()),
                text, html, templateKey, context, languages);
    }

    /** This e-mail rendered from the templates of login ID key {@code key}. */
    public Email withTemplateKey(String key) {
        return new Email(purpose, userId, to, sender, subject, replyTo, text, html, Optional.ofNullable(key), context,
                languages);
    }

    /** This e-mail rendered in the best of {@code languages} the tenant's templates offer. */
    public Email withLanguages(List<Locale.LanguageRange> languages) {
        return new Email(purpose, userId, to, sender, subject, replyTo, text, html, templateKey, context, languages);
    }
}
