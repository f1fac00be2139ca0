package io.skygear.core.template;

/**
 * A template could not be loaded or rendered: a tenant override that cannot be read, a syntax error,
 * a template or output over the size limit. The message names the template type and never contains
 * the rendered data.
 */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
