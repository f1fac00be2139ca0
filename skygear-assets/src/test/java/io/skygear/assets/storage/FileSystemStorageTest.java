package io.skygear.assets.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filesystem storage on a real directory: layout, encoding, atomic replacement and paging. */
class FileSystemStorageTest {

    static final ObjectMetadata TEXT = new ObjectMetadata(AssetAccess.PUBLIC, Map.of("content-type", "text/plain"));

    @TempDir
    Path dir;
    Path root;
    FileSystemStorage storage;

    @BeforeEach
    void open() throws IOException {
        root = Files.createDirectory(dir.resolve("root"));
        storage = FileSystemStorage.of(root);
    }

    @Test
    void putStoresBytesAndMetadataAndHeadReadsThemBack() throws IOException {
        ObjectInfo put = put("app/a.txt", "hello");

        ObjectInfo head = storage.head("app/a.txt").orElseThrow();
        assertThat(head.size()).isEqualTo(5);
        assertThat(head.etag()).isEqualTo(put.etag()).matches("\"[0-9a-f]{32}\"");
        assertThat(head.metadata()).isEqualTo(TEXT);
        assertThat(read("app/a.txt", 0, 5)).isEqualTo("hello");
        assertThat(read("app/a.txt", 1, 3)).isEqualTo("ell");
    }

    @Test
    void missingObjectsAreEmptyAndDeletingThemIsFine() throws IOException {
        assertThat(storage.head("app/none")).isEmpty();
        assertThat(storage.open("app/none", 0, 1)).isEmpty();
        storage.delete("app/none");
    }

    @Test
    void overwriteLeavesOneDataFileAndServesTheNewBytes() throws IOException {
        put("app/a.txt", "first");
        put("app/a.txt", "second!");

        assertThat(read("app/a.txt", 0, 7)).isEqualTo("second!");
        try (Stream<Path> files = Files.list(root.resolve("app"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .hasSize(2)
                    .anyMatch(name -> name.equals("a.txt"))
                    .anyMatch(name -> name.startsWith("a.txt~"));
        }
    }

    @Test
    void aShortBodyStoresNothing() {
        assertThatThrownBy(() -> storage.put("app/short", TEXT,
                new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)), 10))
                .isInstanceOf(IOException.class);

        assertThat(root.resolve("app").toFile().list()).isEmpty();
    }

    @Test
    void hostileKeysStayInsideTheRoot() throws IOException {
        for (String key : List.of("app/..", "deep/../../etc/passwd", "../x", "app/.hidden", "app/a\u0000b",
                "app/ü.png", "app/a~b", "app/%2e%2e")) {
            put(key, "x");
            assertThat(storage.head(key)).as(key).isPresent();
        }

        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile)).allMatch(p -> p.startsWith(root));
        }
        assertThat(root.resolve("%2E.")).isDirectory();
        assertThat(root.resolve("app").toFile().list()).noneMatch(name -> name.startsWith("."));
        assertThat(storage.list("", Optional.empty(), 100).objects()).extracting(ObjectSummary::key)
                .contains("app/..", "app/a\u0000b", "app/ü.png", "app/a~b", "app/.hidden");
    }

    @Test
    void emptyOrOverlongSegmentsAreRefused() {
        for (String key : List.of("", "/a", "a/", "a//b", "app/" + "x".repeat(201))) {
            assertThatThrownBy(() -> put(key, "x")).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void listPagesByKeyWithinAPrefix() throws IOException {
        for (String name : List.of("c", "a", "b", "d")) {
            put("app/" + name, name);
        }
        put("other/a", "x");

        ObjectPage first = storage.list("app/", Optional.empty(), 3);
        ObjectPage second = storage.list("app/", first.nextToken(), 3);

        assertThat(first.objects()).extracting(ObjectSummary::key).containsExactly("app/a", "app/b", "app/c");
        assertThat(second.objects()).extracting(ObjectSummary::key).containsExactly("app/d");
        assertThat(second.nextToken()).isEmpty();
        assertThat(storage.list("app/b", Optional.empty(), 10).objects()).extracting(ObjectSummary::key)
                .containsExactly("app/b");
        assertThat(storage.list("nothing/", Optional.empty(), 10).objects()).isEmpty();
    }

    @Test
    void deleteRemovesMetadataAndBytes() throws IOException {
        put("app/a.txt", "hello");

        storage.delete("app/a.txt");

        assertThat(storage.head("app/a.txt")).isEmpty();
        assertThat(root.resolve("app").toFile().list()).isEmpty();
    }

    private ObjectInfo put(String key, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return storage.put(key, TEXT, new ByteArrayInputStream(bytes), bytes.length);
    }

    private String read(String key, long offset, long length) throws IOException {
        try (InputStream in = storage.open(key, offset, length).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
