package io.skygear.core.template;

import java.io.Writer;

/** Collects output up to {@code max} chars; one char more fails the rendering. */
final class LimitedWriter extends Writer {

    /** Thrown through Mustache's writer calls and caught by the engine. */
    static final class Overflow extends RuntimeException {
        Overflow() {
            super("rendered template is too large", null, false, false);
        }
    }

    private final StringBuilder out = new StringBuilder();
    private final int max;

    LimitedWriter(int max) {
        this.max = max;
    }

    @Override
    public void write(char[] chars, int off, int len) {
        if (out.length() + len > max) {
            throw new Overflow();
        }
        out.append(chars, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
        if (out.length() + len > max) {
            throw new Overflow();
        }
        out.append(s, off, off + len);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
