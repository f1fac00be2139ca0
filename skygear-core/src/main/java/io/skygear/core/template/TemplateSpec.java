package io.skygear.core.template;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A template type a gear renders, e.g. {@code forgot_password_email.txt}, with its built-in body.
 *
 * @param type        the type name; tenants override it with a {@code template_items} entry of this type
 * @param defaultBody the body used when the tenant overrides nothing (Mustache syntax)
 * @param keyed       whether overrides may be given per login ID key
 * @param html        whether the output is HTML: every {@code {{value}}} is then HTML-escaped
 */
public record TemplateSpec(String type, String defaultBody, boolean keyed, boolean html) {

    public TemplateSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultBody, "defaultBody");
    }

    /** The spec as {@code templates.json} lists it: {@code type, default, is_keyed, is_html}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("default", defaultBody);
        json.put("is_keyed", keyed);
        json.put("is_html", html);
        return json;
    }
}
