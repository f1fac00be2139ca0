package io.skygear.auth.internal.loginid;

/**
 * A bare RFC 5322 addr-spec written in its canonical form, which is what the original accepted: Go's
 * {@code mail.ParseAddress} had to succeed without a display name and the parsed address had to print
 * back exactly as given. So {@code john.doe@example.com} and {@code "john doe"@example.com} pass, while
 * display names, angle brackets, comments, surrounding spaces, needless quoting and misplaced dots do
 * not. As in Go (RFC 6532), characters beyond ASCII count as atom text.
 */
final class EmailFormat {

    private EmailFormat() {
    }

    static boolean isAddrSpec(String s) {
        int at;
        if (s.startsWith("\"")) {
            at = quotedLocalPartEnd(s);
            if (at < 0) {
                return false;
            }
        } else {
            at = s.indexOf('@');
            if (at < 0 || !isDotAtom(s, 0, at)) {
                return false;
            }
        }
        return at < s.length() && s.charAt(at) == '@' && isDotAtom(s, at + 1, s.length());
    }

    /**
     * Parses {@code "…"} at the start of {@code s} and returns the index after the closing quote, or -1
     * when it is malformed, empty, or not written the way Go prints it: quotes only when the content is
     * not a dot-atom, and a backslash only before {@code "} and {@code \}.
     */
    private static int quotedLocalPartEnd(String s) {
        StringBuilder content = new StringBuilder();
        int i = 1;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            if (c == '"') {
                String local = content.toString();
                if (local.isEmpty() || isDotAtom(local, 0, local.length())
                        || !quote(local).equals(s.substring(0, i + 1))) {
                    return -1;
                }
                return i + 1;
            }
            if (c == '\\') {
                i++;
                if (i >= s.length()) {
                    return -1;
                }
                c = s.codePointAt(i);
                if (!isVchar(c) && !isWsp(c)) {
                    return -1;
                }
            } else if (!isQtext(c) && !isWsp(c)) {
                return -1;
            }
            content.appendCodePoint(c);
            i += Character.charCount(c);
        }
        return -1;
    }

    private static String quote(String local) {
        StringBuilder out = new StringBuilder("\"");
        local.codePoints().forEach(c -> {
            if (!isQtext(c) && !isWsp(c)) {
                out.append('\\');
            }
            out.appendCodePoint(c);
        });
        return out.append('"').toString();
    }

    // atext ("." allowed between atext runs only), non-empty
    private static boolean isDotAtom(String s, int from, int to) {
        if (from >= to || s.charAt(from) == '.' || s.charAt(to - 1) == '.') {
            return false;
        }
        int i = from;
        while (i < to) {
            int c = s.codePointAt(i);
            if (c == '.') {
                if (s.charAt(i - 1) == '.') {
                    return false;
                }
            } else if (!isAtext(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean isAtext(int c) {
        return switch (c) {
            case '(', ')', '<', '>', '[', ']', ':', ';', '@', '\\', ',', '"', '.' -> false;
            default -> isVchar(c);
        };
    }

    private static boolean isQtext(int c) {
        return c != '"' && c != '\\' && isVchar(c);
    }

    // visible ASCII, or any well-formed character beyond ASCII (RFC 6532); lone surrogates are not
    private static boolean isVchar(int c) {
        return (c >= '!' && c <= '~') || (c >= 0x80 && (c > 0xFFFF || !Character.isSurrogate((char) c)));
    }

    private static boolean isWsp(int c) {
        return c == ' ' || c == '\t';
    }
}
