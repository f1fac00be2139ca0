package io.skygear.auth;

import io.skygear.auth.HostileJson.Raw;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The hostile values {@link HostileRequests} draws from: strings, numbers, wrong types, nesting, byte tricks. */
final class HostileValues {

    private HostileValues() {
    }

    static final int ONE_MB = 1 << 20;

    /** A value of every JSON type, to put where another type belongs. */
    static final List<Object> ANY_TYPE = List.of(
            new Raw("null"), -1, 1.5, true, "", "text", List.of(1, "a"), Map.of(), Map.of("a", 1), new Raw("1e400"),
            new Raw("-1e999999"));

    /** Unicode edge cases: NUL, bidi controls, surrogates (lone and paired), combining marks, NFKC expanders. */
    static final List<String> UNICODE = List.of(
            "\u0000",
            "user\u0000name",
            "\u202Eevil\u202C",
            "\u200F\u061C\u2066rtl\u2069",
            "\uD800",
            "x\uDC00y",
            "\uDBFF\uDFFF",
            "\uD83D\uDE00\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
            "e" + "\u0301".repeat(300),
            "\u0301",
            "\uFDFA",
            "\uFDFA".repeat(512),
            "\uFB03".repeat(400),
            "\u2474".repeat(500),
            "\u3300".repeat(300),
            "\uFF21\uFF44\uFF4D\uFF49\uFF4E",
            "\u0130stanbul",
            "stra\u00DFe",
            "\uFEFFbom",
            "\u200B",
            "\u00A0\u2028\u2029",
            "\uFFFF\uFFFE",
            "\u001F\u007F\u0085",
            "a@\uFF42.com",
            "\u0391\u0392@\u0395\u0396.GR",
            "\uD835\uDC00@\uD835\uDC01.\uD835\uDC02");

    /** Strings that look like SQL or JSON injections, format tricks and LIKE wildcards. */
    static final List<String> INJECTION = List.of(
            "' OR '1'='1",
            "'; DROP TABLE _core_user; --",
            "\" OR 1=1 --",
            "admin'--",
            "1; SELECT pg_sleep(10)",
            "$$; SELECT 1; $$",
            "%",
            "_",
            "\\",
            "E'\\x00'",
            "\",\"password\":\"x",
            "{\"$ne\":null}",
            "}]}\"",
            "\\u0000",
            "%s%s%s%n",
            "${jndi:ldap://127.0.0.1/a}",
            "../../../../etc/passwd",
            "<script>alert(1)</script>@example.com",
            "a@b@c",
            "@",
            "a".repeat(65) + "@example.com",
            "null",
            "undefined",
            "NaN",
            "-1",
            "00000000-0000-0000-0000-000000000000",
            "app-b:user",
            "*");

    /** Numbers at and past every limit, written verbatim. */
    static final List<Raw> NUMBERS = List.of(
            new Raw("1e999999999"),
            new Raw("-1e-999999999"),
            new Raw("1E+2147483648"),
            new Raw("1e-2147483649"),
            new Raw("9".repeat(999)),
            new Raw("9".repeat(1001)),
            new Raw("-" + "9".repeat(5000)),
            new Raw("0." + "0".repeat(998) + "1"),
            new Raw("1" + "0".repeat(400) + ".5e-400"),
            new Raw("-0"),
            new Raw("-0.0e-0"),
            new Raw("9223372036854775808"),
            new Raw("-9223372036854775809"),
            new Raw("2147483648"),
            new Raw("1.7976931348623157e309"),
            new Raw("4.9e-325"));

    /** Property names an endpoint does not know, some of them hostile. */
    static final List<String> UNKNOWN_KEYS = List.of(
            "unknown", "__proto__", "constructor", "", "\u0000", "$where", "login_id ", "LOGIN_ID", "Password",
            "user_id\u200B", "x".repeat(10_000), "\uD800", "a.b", "a/b", "~1");

    /** Bodies that are not JSON, or not quite. */
    static final List<String> MALFORMED = List.of(
            "{", "}", "[", "{\"a\":", "{\"a\" 1}", "{'a':1}", "{a:1}", "{\"a\":1,}", "[1,]", "{\"a\":NaN}",
            "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":1.}", "{\"a\":0x10}",
            "/* c */{}", "{}//c", "{} {}", "{\"a\":tru}", "nul", "\"unterminated", "{\"a\":\"\\x41\"}",
            "{\"a\":\"\\u12\"}", "{\"a\":\"\\uD800\\u\"}", "{\"a\":1}}", "{\"a\":\"raw\ttab\"}",
            "{\"a\":\"raw\u0001ctl\"}", "{\"a\":1 \"b\":2}", "{\"a\":1,\"a\":2}", "{,}", "[,]", ":", "\u0000",
            "{\"a\":[}", "{\"a\":{\"b\":1]}", "]", "{\"\\ud800\":1}");

    /** Byte sequences that are not UTF-8, spliced into otherwise valid bodies. */
    static final List<byte[]> INVALID_UTF8 = List.of(
            new byte[] {(byte) 0xC3, 0x28},
            new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xFE, (byte) 0xFF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xE2, (byte) 0x82},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0x80});

    /** Content types other than JSON, JSON with the wrong charset or extra parameters, and garbage. */
    static final List<String> CONTENT_TYPES = List.of(
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=iso-8859-1", "application/json; charset=utf-16",
            "application/json;charset=utf-8;foo=bar", "application/jsonx", "application/json, text/plain",
            "*/*", "application/vnd.api+json", "application/json; charset=", "application/json; charset",
            "application/json; =utf-8", "\u00e9/json", "application", ";", "text/json", "application/javascript",
            "application/json; charset=\"utf-8", "x".repeat(4000));

    /** JSON content types the reader accepts (so the body is what is hostile). */
    static final List<String> JSON_CONTENT_TYPES = List.of(
            "application/json", "APPLICATION/JSON", "application/json; charset=utf-8", "application/json;charset=\"UTF-8\"",
            "application/json;");

    /** {@code depth} nested arrays around {@code 1}. */
    static String nestedArrays(int depth) {
        return "[".repeat(depth) + "1" + "]".repeat(depth);
    }

    /** {@code depth} nested objects {@code {"a":…}} around {@code 1}. */
    static String nestedObjects(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** A map nested {@code depth} levels deep, for JSON values below the reader's limit. */
    static Object nestedMap(int depth) {
        Object value = 1;
        for (int i = 0; i < depth; i++) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("a", value);
            value = map;
        }
        return value;
    }

    /** Strings of about a megabyte: ASCII, two-byte UTF-8, an e-mail address, an NFKC expander. */
    static final List<String> MEGABYTE_STRINGS = List.of(
            "a".repeat(ONE_MB),
            "\u00e9".repeat(ONE_MB / 2),
            "user@" + "b".repeat(ONE_MB - 9) + ".com",
            "\uFB03".repeat(ONE_MB / 8));
}
