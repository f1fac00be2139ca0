package io.skygear.core.config;

/**
 * One entry of {@code template_items[]}: overrides a message template for the tenant.
 *
 * @param type        template type, e.g. {@code forgot_password_email.txt}
 * @param languageTag BCP 47 tag or {@code ""}
 * @param key         login ID key the template is for, or {@code ""}
 * @param uri         where the template text is
 * @param digest      content digest (always written, even when empty)
 */
public record TemplateItem(String type, String languageTag, String key, String uri, String digest) {
}
