package io.skygear.assets.internal.download;

import java.util.Optional;

/**
 * A single byte range of a {@code Range} header (RFC 9110 §14), resolved against the object's size.
 * Multiple ranges and malformed headers are ignored (the whole object is served), which the RFC allows.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
public record ByteRange(long first, long last) {

    /** What a Range header asks for. */
    public sealed interface Request permits Whole, Partial, Unsatisfiable {
    }

    /** Serve the whole object (no header, or one to ignore). */
    public record Whole() implements Request {
    }

    /** Serve one range: 206. */
    public record Partial(ByteRange range) implements Request {
    }

    /** Nothing of the object is in the range: 416. */
    public record Unsatisfiable() implements Request {
    }

    public long length() {
        return last - first + 1;
    }

    /** {@code bytes first-last/size} for {@code Content-Range}. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    public static Request parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String value = header.trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String spec = value.substring(6).trim();
        if (spec.contains(",")) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        Optional<Long> start = number(spec.substring(0, dash).trim());
        Optional<Long> end = number(spec.substring(dash + 1).trim());
        if (spec.substring(0, dash).isBlank()) {
            // suffix: the last n bytes
            if (end.isEmpty()) {
                return new Whole();
            }
            long n = end.get();
            if (n == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(Math.max(0, size - n), size - 1));
        }
        if (start.isEmpty() || (!spec.substring(dash + 1).isBlank() && end.isEmpty())) {
            return new Whole();
        }
        long first = start.get();
        if (end.isPresent() && end.get() < first) {
            return new Whole();
        }
        if (first >= size) {
            return new Unsatisfiable();
        }
        long last = end.map(e -> Math.min(e, size - 1)).orElse(size - 1);
        return new Partial(new ByteRange(first, last));
    }

    private static Optional<Long> number(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }
}
