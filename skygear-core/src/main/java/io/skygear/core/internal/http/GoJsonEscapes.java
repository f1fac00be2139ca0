package io.skygear.core.internal.http;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;

/**
 * Escapes strings the way the original's Go encoder did, so response bodies match byte for byte:
 * {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as six-character unicode escapes (safe to embed in
 * HTML), and control characters other than newline, return and tab as unicode escapes with lower-case
 * hex digits.
 */
final class GoJsonEscapes extends CharacterEscapes {

    private static final int[] ASCII = standardAsciiEscapesForJSON();

    static {
        for (int c = 0; c < 0x20; c++) {
            if (c != '\n' && c != '\r' && c != '\t') {
                ASCII[c] = ESCAPE_CUSTOM;
            }
        }
        ASCII['<'] = ESCAPE_CUSTOM;
        ASCII['>'] = ESCAPE_CUSTOM;
        ASCII['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch < 0x80 && ASCII[ch] == ESCAPE_CUSTOM || ch == 0x2028 || ch == 0x2029) {
            return new SerializedString(String.format("\\u%04x", ch));
        }
        return null;
    }
}
