package io.skygear.assets.internal.form;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A streaming {@code multipart/form-data} reader (RFC 7578): parts one after another, each body read
 * straight from the request without buffering the whole form, so the file part of an upload form can
 * be spooled to disk as it arrives. Works in any servlet container (the Servlet API's own multipart
 * support needs per-registration configuration by the host).
 */
public final class MultipartReader {

    /** Most bytes of one part's header block. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    private boolean finished;
    private PartBody current;

    /** One part: its form field name, file name (file parts only), content type and body. */
    public record Part(String name, Optional<String> filename, Optional<String> contentType, InputStream body) {
    }

    public MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        // the first boundary has no CRLF before it: pretend it had, so the preamble is one more body to skip
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
        current = new PartBody();
    }

    /**
     * The next part, after skipping what is left of the previous one; empty after the closing boundary.
     *
     * @throws MalformedFormException when the stream is not a well-formed form
     */
    public Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        current.skipRest();
        // after a delimiter: "--" closes the form, CRLF starts a part's headers
        ensure(2);
        if (lim - pos < 2) {
            throw new MalformedFormException("unexpected end of form");
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return Optional.empty();
        }
        skipLinearWhitespace();
        ensure(2);
        if (lim - pos < 2 || buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw new MalformedFormException("malformed boundary line");
        }
        pos += 2;
        Map<String, String> headers = readHeaders();
        Map<String, String> disposition = parseDisposition(headers.getOrDefault("content-disposition", ""));
        String name = disposition.get("name");
        if (name == null) {
            throw new MalformedFormException("part without a form field name");
        }
        current = new PartBody();
        return Optional.of(new Part(name, Optional.ofNullable(disposition.get("filename")),
                Optional.ofNullable(headers.get("content-type")), current));
    }

    private void skipLinearWhitespace() throws IOException {
        while (true) {
            ensure(1);
            if (lim - pos < 1 || (buf[pos] != ' ' && buf[pos] != '\t')) {
                return;
            }
            pos++;
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            String line = readLine();
            total += line.length() + 2;
            if (total > MAX_HEADER_BYTES) {
                throw new MalformedFormException("part headers too large");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedFormException("malformed part header");
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            ensure(2);
            if (lim - pos < 2) {
                throw new MalformedFormException("unexpected end of form");
            }
            if (buf[pos] == '\r' && buf[pos + 1] == '\n') {
                pos += 2;
                return new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
            line.append((char) (buf[pos++] & 0xff));
            if (line.length() > MAX_HEADER_BYTES) {
                throw new MalformedFormException("part headers too large");
            }
        }
    }

    /** {@code form-data; name="a"; filename="b.png"}: parameters by lower-case name, quotes removed. */
    static Map<String, String> parseDisposition(String value) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = value.indexOf(';');
        if (i < 0 || !value.substring(0, i).trim().equalsIgnoreCase("form-data")) {
            return params;
        }
        i++;
        while (i < value.length()) {
            while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == ';' || value.charAt(i) == '\t')) {
                i++;
            }
            int eq = value.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder v = new StringBuilder();
            if (i < value.length() && value.charAt(i) == '"') {
                i++;
                while (i < value.length() && value.charAt(i) != '"') {
                    char c = value.charAt(i++);
                    if (c == '\\' && i < value.length()) {
                        c = value.charAt(i++);
                    }
                    v.append(c);
                }
                i++;
            } else {
                while (i < value.length() && value.charAt(i) != ';') {
                    v.append(value.charAt(i++));
                }
            }
            params.putIfAbsent(key, v.toString().trim());
        }
        return params;
    }

    /** Makes at least {@code n} bytes available from {@code pos} unless the stream ends first. */
    private void ensure(int n) throws IOException {
        if (lim - pos >= n || eof) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n && !eof) {
            int read = in.read(buf, lim, buf.length - lim);
            if (read < 0) {
                eof = true;
            } else {
                lim += read;
            }
        }
    }

    private int indexOfDelimiter() {
        outer:
        for (int i = pos; i <= lim - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** One part's body: ends at the next delimiter, which it consumes. */
    private final class PartBody extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done || current != this) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            ensure(delimiter.length);
            int found = indexOfDelimiter();
            int available;
            if (found == pos) {
                pos += delimiter.length;
                done = true;
                return -1;
            } else if (found > pos) {
                available = found - pos;
            } else if (eof) {
                throw new MalformedFormException("unexpected end of form");
            } else {
                // everything but a possible start of the delimiter at the end of the buffer
                available = Math.max(1, lim - pos - (delimiter.length - 1));
            }
            int n = Math.min(len, available);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        void skipRest() throws IOException {
            byte[] scratch = new byte[8192];
            while (read(scratch, 0, scratch.length) >= 0) {
                // discard
            }
        }
    }
}
