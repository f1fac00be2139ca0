/**
 * Message and page templates: {@link io.skygear.core.template.TemplateEngine} renders a
 * {@link io.skygear.core.template.TemplateSpec} (a type with a built-in default) or a tenant's override
 * from {@code template_items}, in Mustache syntax, HTML-escaped for {@code .html} types, within size limits.
 */
package io.skygear.core.template;
