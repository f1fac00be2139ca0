package io.skygear.core.template;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Mustache without partials (a template must not pull files or resources in), with map-only data
 * access, a small recursion limit, and HTML escaping of {@code {{value}}} only for HTML templates.
 */
final class SafeMustacheFactory extends DefaultMustacheFactory {

    private final boolean html;

    SafeMustacheFactory(boolean html) {
        this.html = html;
        setObjectHandler(new MapOnlyObjectHandler());
        setRecursionLimit(10);
    }

    @Override
    public Reader getReader(String resourceName) {
        throw new MustacheException("partials are not allowed: " + resourceName);
    }

    @Override
    public void encode(String value, Writer writer) {
        if (html) {
            super.encode(value, writer);
            return;
        }
        try {
            writer.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
