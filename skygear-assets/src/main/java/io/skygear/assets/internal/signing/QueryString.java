package io.skygear.assets.internal.signing;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a raw query string as Go's {@code url.ParseQuery} does ({@code +} is a space, {@code %XX}
 * escapes, pairs split on {@code &}); the servlet API's parameter map would mix in form bodies.
 */
public final class QueryString {

    private QueryString() {
    }

    /**
     * @throws SkygearException 400 {@code BadRequest} "invalid query string" on a bad escape
     */
    public static Map<String, List<String>> parse(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (c == '+') {
                out.write(' ');
                i++;
            } else if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw invalid();
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw invalid();
                }
                out.write(hi << 4 | lo);
                i += 3;
            } else {
                out.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static SkygearException invalid() {
        return SkygearException.of(ErrorName.BAD_REQUEST, "invalid query string");
    }
}
