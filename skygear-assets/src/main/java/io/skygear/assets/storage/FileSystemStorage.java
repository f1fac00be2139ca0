package io.skygear.assets.storage;

import io.skygear.core.http.Json;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Assets as files under one root directory: the embedded default.
 *
 * <p>Layout: key {@code app/name} is directory {@code app} with a metadata file {@code name} (JSON:
 * size, tag, time, access, headers) and the bytes in {@code name~<tag>}. Each key segment is
 * percent-encoded (only {@code A-Za-z0-9-_.} kept, a leading dot encoded), so no key can name
 * {@code ..}, a hidden file or a path outside the root, and {@code ~} never occurs in an encoded
 * name. Writes go to a temporary file, are flushed to disk and renamed into place; the metadata
 * rename publishes the object, so readers see the old object or the new one whole.
 */
public final class FileSystemStorage implements AssetStorage {

    /** Longest encoded key segment; leaves room for {@code ~} and the tag within a 255-byte file name. */
    static final int MAX_SEGMENT_BYTES = 200;
    private static final String SEPARATOR = "~";
    private static final String TEMP = SEPARATOR + "tmp-";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final Path root;
    private final Clock clock;
    /** Serialises writers of one key within this process (striped by key hash). */
    private final Object[] writeLocks = new Object[64];

    private FileSystemStorage(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
        Arrays.setAll(writeLocks, i -> new Object());
    }

    /** Storage under {@code root}, created if missing. */
    public static FileSystemStorage of(Path root) {
        return of(root, Clock.systemUTC());
    }

    /** As {@link #of(Path)}, with the clock that stamps {@code lastModified}. */
    public static FileSystemStorage of(Path root, Clock clock) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(clock, "clock");
        try {
            Path absolute = root.toAbsolutePath().normalize();
            Files.createDirectories(absolute);
            return new FileSystemStorage(absolute.toRealPath(), clock);
        } catch (IOException e) {
            throw new IllegalArgumentException("root: cannot create or open directory " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public ObjectInfo put(String key, ObjectMetadata metadata, InputStream body, long length) throws IOException {
        Path meta = metaPath(key);
        Files.createDirectories(meta.getParent());
        Path temp = meta.resolveSibling(meta.getFileName() + TEMP + UUID.randomUUID());
        MessageDigest digest = sha256();
        long written;
        try {
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), digest)) {
                written = body.transferTo(out);
            }
            if (written != length) {
                throw new IOException("expected " + length + " bytes, got " + written);
            }
            force(temp);
            String tag = HexFormat.of().formatHex(digest.digest(), 0, 16);
            synchronized (writeLocks[Math.floorMod(key.hashCode(), writeLocks.length)]) {
                move(temp, dataPath(meta, tag));
                ObjectInfo info = new ObjectInfo(key, length, "\"" + tag + "\"", clock.instant(), metadata);
                Optional<String> previous = readMeta(meta).map(FileSystemStorage::tagOf);
                writeMeta(meta, info);
                // the old bytes go once the new metadata is published; open readers keep their handle
                previous.filter(old -> !old.equals(tag)).ifPresent(old -> deleteQuietly(dataPath(meta, old)));
                return info;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<ObjectInfo> head(String key) throws IOException {
        return readMeta(metaPath(key)).map(node -> info(key, node));
    }

    @Override
    public Optional<InputStream> open(String key, long offset, long length) throws IOException {
        Path meta = metaPath(key);
        // two tries: a concurrent overwrite may delete the bytes the first metadata read pointed to
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<JsonNode> node = readMeta(meta);
            if (node.isEmpty()) {
                return Optional.empty();
            }
            try {
                FileChannel channel = FileChannel.open(dataPath(meta, tagOf(node.get())), StandardOpenOption.READ);
                channel.position(offset);
                return Optional.of(new Bounded(Channels.newInputStream(channel), length));
            } catch (NoSuchFileException e) {
                // fall through to re-read the metadata
            }
        }
        return Optional.empty();
    }

    @Override
    public void delete(String key) throws IOException {
        Path meta = metaPath(key);
        synchronized (writeLocks[Math.floorMod(key.hashCode(), writeLocks.length)]) {
            Optional<JsonNode> node = readMeta(meta);
            Files.deleteIfExists(meta);
            if (node.isPresent()) {
                Files.deleteIfExists(dataPath(meta, tagOf(node.get())));
            }
        }
    }

    @Override
    public ObjectPage list(String prefix, Optional<String> token, int limit) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        // walk only the directory the prefix's complete segments name
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return new ObjectPage(List.of(), Optional.empty());
        }
        List<ObjectSummary> matches = new ArrayList<>();
        try (Stream<Path> files = Files.walk(start)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.contains(SEPARATOR) || !Files.isRegularFile(file)) {
                    continue;
                }
                String key = keyOf(file);
                if (key.startsWith(prefix) && token.map(t -> key.compareTo(t) > 0).orElse(true)) {
                    readMeta(file).ifPresent(node -> matches.add(new ObjectSummary(key, node.get("size").asLong())));
                }
            }
        }
        matches.sort(Comparator.comparing(ObjectSummary::key));
        if (matches.size() <= limit) {
            return new ObjectPage(matches, Optional.empty());
        }
        List<ObjectSummary> page = matches.subList(0, limit);
        return new ObjectPage(page, Optional.of(page.getLast().key()));
    }

    /** The metadata file of {@code key}, refusing empty segments and anything too long to be a file name. */
    private Path metaPath(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("//")) {
            throw new IllegalArgumentException("invalid storage key");
        }
        return resolve(key);
    }

    private Path resolve(String key) {
        Path path = root;
        for (String segment : key.split("/", -1)) {
            String encoded = encode(segment);
            if (encoded.isEmpty() || encoded.length() > MAX_SEGMENT_BYTES) {
                throw new IllegalArgumentException("invalid storage key: a segment is empty or longer than "
                        + MAX_SEGMENT_BYTES + " bytes encoded");
            }
            path = path.resolve(encoded);
        }
        if (!path.normalize().startsWith(root)) {
            throw new IllegalArgumentException("invalid storage key");
        }
        return path;
    }

    private String keyOf(Path meta) {
        List<String> segments = new ArrayList<>();
        for (Path part : root.relativize(meta)) {
            segments.add(decode(part.toString()));
        }
        return String.join("/", segments);
    }

    private static Path dataPath(Path meta, String tag) {
        return meta.resolveSibling(meta.getFileName() + SEPARATOR + tag);
    }

    /** Percent-encodes all but {@code A-Za-z0-9-_.} (and a leading dot), byte by byte in UTF-8. */
    static String encode(String segment) {
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || (c == '.' && i > 0);
            if (kept) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    static String decode(String encoded) {
        byte[] out = new byte[encoded.length()];
        int n = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                out[n++] = (byte) Integer.parseInt(encoded, i + 1, i + 3, 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private Optional<JsonNode> readMeta(Path meta) throws IOException {
        try {
            return Optional.of(Json.mapper().readTree(Files.readString(meta)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private void writeMeta(Path meta, ObjectInfo info) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("size", info.size());
        json.put("etag", info.etag());
        json.put("last_modified", info.lastModified().toString());
        json.put("access", info.metadata().access().wireName());
        json.put("headers", info.metadata().headers());
        Path temp = meta.resolveSibling(meta.getFileName() + TEMP + UUID.randomUUID());
        try {
            Files.write(temp, Json.mapper().writeValueAsBytes(json), StandardOpenOption.CREATE_NEW);
            force(temp);
            move(temp, meta);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static ObjectInfo info(String key, JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        node.get("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        return new ObjectInfo(key, node.get("size").asLong(), node.get("etag").asString(),
                Instant.parse(node.get("last_modified").asString()),
                new ObjectMetadata(AssetAccess.fromMetadata(node.get("access").asString()), headers));
    }

    private static String tagOf(JsonNode node) {
        String etag = node.get("etag").asString();
        return etag.substring(1, etag.length() - 1);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to + " cannot rename atomically", e);
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // an orphaned data file wastes space but is never served: metadata no longer names it
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads at most {@code remaining} bytes. */
    private static final class Bounded extends FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }
    }
}
