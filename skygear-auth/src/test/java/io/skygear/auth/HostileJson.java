package io.skygear.auth;

import java.util.List;
import java.util.Map;

/**
 * A JSON writer for hostile test bodies, so that the test decides every byte: Jackson would refuse or
 * repair what these tests must send (lone surrogates, numbers no double holds). Values are
 * {@code Map<String, ?>}, {@code List<?>}, {@code String}, {@code Number}, {@code Boolean}, {@code null}
 * and {@link Raw} (text written as is, e.g. {@code 1e999999999}).
 */
final class HostileJson {

    /** JSON text written verbatim. */
    record Raw(String text) {
    }

    private HostileJson() {
    }

    /**
     * {@code value} as JSON text; with {@code escapeNonAscii} every char above U+007E is written as
     * {@code \\uXXXX} (which keeps lone surrogates), else as itself.
     */
    static String write(Object value, boolean escapeNonAscii) {
        StringBuilder out = new StringBuilder();
        write(value, escapeNonAscii, out);
        return out.toString();
    }

    private static void write(Object value, boolean escapeNonAscii, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case Raw raw -> out.append(raw.text());
            case String s -> string(s, escapeNonAscii, out);
            case Number n -> out.append(n);
            case Boolean b -> out.append(b);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string((String) entry.getKey(), escapeNonAscii, out);
                    out.append(':');
                    write(entry.getValue(), escapeNonAscii, out);
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), escapeNonAscii, out);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private static void string(String s, boolean escapeNonAscii, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (escapeNonAscii && c > 0x7e)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
