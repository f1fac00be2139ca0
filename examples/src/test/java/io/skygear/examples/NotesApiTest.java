package io.skygear.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.http.Json;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.migrate.ModuleStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The example app's notes API ({@code /api/notes}) on the demo app as {@code ./scripts/demo} starts it:
 * real HTTP, embedded PostgreSQL, users signed up through {@code /_auth}, attachments uploaded through
 * {@code /_asset}.
 */
class NotesApiTest {

    static final String API_KEY = "demo-api-key";
    static final String MASTER_KEY = "demo-master-key";
    static final String PASSWORD = "correct horse battery staple";
    static final AtomicInteger USERS = new AtomicInteger();

    @TempDir
    static Path dataDir;

    static HostApp app;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = HostApp.start(new HostAppOptions(Optional.empty(), 0, dataDir));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void startupRanTheNotesModuleWithItsOwnHistoryTable() {
        ModuleStatus notes = Migrations.configure().database(app.database()).modules("notes").load().status()
                .module("notes");
        assertThat(notes.currentVersion()).isEqualTo("1");
        assertThat(notes.pending()).isEmpty();
        assertThat(app.database().dsl().fetchValue(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = '_notes_version'",
                app.database().schema())).isEqualTo(1L);
    }

    @Nested
    class CreateReadUpdateDelete {

        @Test
        void createdNoteIsAnswered201AndReadsBack() {
            String token = signup();
            Reply created = call("POST", "/api/notes", token, """
                    {"title":"Groceries","body":"milk\\neggs"}""");
            assertThat(created.status()).isEqualTo(201);
            JsonNode note = created.result();
            assertThat(note.get("title").asString()).isEqualTo("Groceries");
            assertThat(note.get("body").asString()).isEqualTo("milk\neggs");
            assertThat(note.get("attachment").isNull()).isTrue();
            assertThat(note.get("created_at").asString()).isEqualTo(note.get("updated_at").asString()).endsWith("Z");
            assertThat(UUID.fromString(note.get("id").asString())).isNotNull();

            Reply read = call("GET", "/api/notes/" + note.get("id").asString(), token, null);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.result()).isEqualTo(note);
        }

        @Test
        void putReplacesTitleBodyAndAttachment() {
            String token = signup();
            String attachment = upload(token, "a picture");
            JsonNode note = create(token, "Draft", "v1", attachment);

            Reply replaced = call("PUT", "/api/notes/" + note.get("id").asString(), token, """
                    {"title":"Final","body":"v2"}""");
            assertThat(replaced.status()).isEqualTo(200);
            assertThat(replaced.result().get("title").asString()).isEqualTo("Final");
            assertThat(replaced.result().get("body").asString()).isEqualTo("v2");
            assertThat(replaced.result().get("attachment").isNull()).as("left out: removed").isTrue();
            assertThat(replaced.result().get("created_at")).isEqualTo(note.get("created_at"));
            assertThat(replaced.result().get("updated_at").asString())
                    .isGreaterThanOrEqualTo(note.get("updated_at").asString());
            assertThat(call("GET", "/api/notes/" + note.get("id").asString(), token, null).result())
                    .isEqualTo(replaced.result());
        }

        @Test
        void deletedNoteIsGone() {
            String token = signup();
            String id = create(token, "Old", "", null).get("id").asString();

            Reply deleted = call("DELETE", "/api/notes/" + id, token, null);
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(deleted.body()).isEqualTo("{\"result\":{}}\n");
            assertThat(call("GET", "/api/notes/" + id, token, null).status()).isEqualTo(404);
            assertThat(call("DELETE", "/api/notes/" + id, token, null).status()).isEqualTo(404);
            assertThat(list(token, "").get("notes")).isEmpty();
        }
    }

    @Nested
    class Paging {

        @Test
        void listIsNewestFirstAndFollowsTheCursorToTheEnd() {
            String token = signup();
            List<String> created = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                created.add(create(token, "note " + i, "", null).get("id").asString());
            }
            List<String> seen = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            String query = "?limit=2";
            while (query != null) {
                JsonNode page = list(token, query);
                page.get("notes").forEach(n -> seen.add(n.get("id").asString()));
                pageSizes.add(page.get("notes").size());
                JsonNode next = page.get("next_cursor");
                query = next.isNull() ? null : "?limit=2&cursor=" + next.asString();
            }
            assertThat(pageSizes).containsExactly(2, 2, 1);
            assertThat(seen).containsExactlyElementsOf(created.reversed());
        }

        @Test
        void notesAddedBetweenPagesNeitherRepeatNorShiftTheNextPage() {
            String token = signup();
            String first = create(token, "first", "", null).get("id").asString();
            String second = create(token, "second", "", null).get("id").asString();
            JsonNode page1 = list(token, "?limit=1");
            assertThat(page1.get("notes").get(0).get("id").asString()).isEqualTo(second);

            create(token, "third", "", null);
            JsonNode page2 = list(token, "?limit=1&cursor=" + page1.get("next_cursor").asString());
            assertThat(page2.get("notes").get(0).get("id").asString()).isEqualTo(first);
            assertThat(page2.get("next_cursor").isNull()).isTrue();
        }

        @Test
        void defaultPageIsTwentyNotes() {
            String token = signup();
            for (int i = 0; i < 21; i++) {
                create(token, "n" + i, "", null);
            }
            JsonNode page = list(token, "");
            assertThat(page.get("notes")).hasSize(20);
            assertThat(page.get("next_cursor").isNull()).isFalse();
        }

        @Test
        void badLimitOrCursorIsBadRequest() {
            String token = signup();
            for (String query : List.of("limit=0", "limit=101", "limit=abc", "limit=-1", "limit=1.5", "limit=0000002",
                    "cursor=nope", "cursor=" + "A".repeat(40), "cursor=MTox")) {
                Reply reply = call("GET", "/api/notes?" + query, token, null);
                assertThat(reply.status()).as(query).isEqualTo(400);
                assertThat(reply.error().get("name").asString()).as(query).isEqualTo("BadRequest");
            }
            assertThat(call("GET", "/api/notes?limit=100", token, null).status()).isEqualTo(200);
        }
    }

    @Nested
    class Access {

        @Test
        void everyRouteWithoutValidTokenIs401NotAuthenticated() {
            String id = create(signup(), "secret", "", null).get("id").asString();
            for (String[] headers : List.of(
                    new String[] {"X-Skygear-API-Key", API_KEY},
                    new String[] {"X-Skygear-API-Key", MASTER_KEY},
                    new String[] {"X-Skygear-API-Key", API_KEY, "Authorization", "Bearer not-a-token"},
                    new String[] {"Accept", "application/json"})) {
                for (String[] route : List.of(new String[] {"GET", "/api/notes"}, new String[] {"POST", "/api/notes"},
                        new String[] {"GET", "/api/notes/" + id}, new String[] {"PUT", "/api/notes/" + id},
                        new String[] {"DELETE", "/api/notes/" + id})) {
                    Reply reply = send(route[0], route[1], "{\"title\":\"x\",\"body\":\"\"}", headers);
                    assertThat(reply.status()).as(String.join(" ", route)).isEqualTo(401);
                    assertThat(reply.error().get("name").asString()).isEqualTo("Unauthorized");
                    assertThat(reply.error().get("reason").asString()).isEqualTo("NotAuthenticated");
                }
            }
        }

        @Test
        void anotherUsersNoteAnswersExactlyLikeNoNote() {
            String alice = signup();
            String bob = signup();
            JsonNode note = create(alice, "Alice's", "private", null);
            String path = "/api/notes/" + note.get("id").asString();
            String missing = "/api/notes/" + UUID.randomUUID();

            for (String method : List.of("GET", "PUT", "DELETE")) {
                String body = method.equals("PUT") ? "{\"title\":\"mine now\",\"body\":\"\"}" : null;
                Reply theirs = call(method, path, bob, body);
                Reply none = call(method, missing, bob, body);
                assertThat(theirs.status()).as(method).isEqualTo(404);
                assertThat(theirs.body()).as(method).isEqualTo(none.body());
            }
            assertThat(list(bob, "").get("notes")).isEmpty();
            assertThat(call("GET", path, alice, null).result()).isEqualTo(note);
        }

        @Test
        void pathsThatNameNoNoteAreNotFound() {
            String token = signup();
            String id = create(token, "mine", "", null).get("id").asString();
            for (String path : List.of("/api/notes/" + UUID.randomUUID(), "/api/notes/xyz", "/api/notes/1-1-1-1-1",
                    "/api/notes/" + id + "/x", "/api/notes/" + id.toUpperCase() + "0")) {
                Reply reply = call("GET", path, token, null);
                assertThat(reply.status()).as(path).isEqualTo(404);
                assertThat(reply.error().get("name").asString()).as(path).isEqualTo("NotFound");
            }
        }

        @Test
        void unsupportedMethodsAreRefusedInTheEnvelope() {
            String token = signup();
            String id = create(token, "mine", "", null).get("id").asString();
            assertThat(call("DELETE", "/api/notes", token, null).error().get("reason").asString())
                    .isEqualTo("MethodNotAllowed");
            assertThat(call("PATCH", "/api/notes/" + id, token, "{}").error().get("reason").asString())
                    .isEqualTo("MethodNotAllowed");
            assertThat(call("POST", "/api/notes/" + id, token, "{}").status()).isEqualTo(404);
            assertThat(call("GET", "/api/notes/" + id, token, null).status()).isEqualTo(200);
        }

        @Test
        void helloStillAnswersNextToTheNotes() {
            assertThat(send("GET", "/api/hello", null, "X-Skygear-API-Key", API_KEY).status()).isEqualTo(200);
        }
    }

    @Nested
    class Attachments {

        @Test
        void uploadedAssetIsAttachedWithItsUrls() throws Exception {
            String token = signup();
            String name = upload(token, "hello asset");
            JsonNode attachment = create(token, "With file", "", name).get("attachment");
            assertThat(attachment.get("name").asString()).isEqualTo(name);
            assertThat(attachment.get("url").asString()).isEqualTo("/_asset/get/" + name);
            assertThat(attachment.get("thumbnail_url").asString())
                    .isEqualTo("/_asset/get/" + name + "?pipeline=image/resize,w_200");

            HttpResponse<String> bytes = http.send(HttpRequest.newBuilder(app.uri(attachment.get("url").asString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bytes.statusCode()).isEqualTo(200);
            assertThat(bytes.body()).isEqualTo("hello asset");
        }

        @Test
        void unknownOrImpossibleAssetNameIsRefusedAtItsPointer() {
            String token = signup();
            for (String name : List.of("never-uploaded.png", "../../etc/passwd", "", "a/b", "x".repeat(5000))) {
                Reply reply = call("POST", "/api/notes", token, Json.mapper().writeValueAsString(
                        java.util.Map.of("title", "t", "body", "", "attachment", name)));
                assertThat(reply.status()).as(name).isEqualTo(400);
                assertThat(reply.error().get("reason").asString()).isEqualTo("ValidationFailed");
                assertThat(reply.error().at("/info/causes/0/pointer").asString()).isEqualTo("/attachment");
            }
            assertThat(list(token, "").get("notes")).isEmpty();
        }

        @Test
        void anAssetNameIsCheckedAgainOnReplace() {
            String token = signup();
            String id = create(token, "t", "", null).get("id").asString();
            Reply reply = call("PUT", "/api/notes/" + id, token, """
                    {"title":"t","body":"","attachment":"gone.png"}""");
            assertThat(reply.status()).isEqualTo(400);
            assertThat(call("GET", "/api/notes/" + id, token, null).result().get("attachment").isNull()).isTrue();
        }
    }

    @Nested
    class HostileInput {

        @Test
        void malformedOrMistypedBodiesAreRefusedAndStoreNothing() {
            String token = signup();
            record Case(String body, String name, String reason, String pointer) {}
            for (Case c : List.of(
                    new Case("{", "BadRequest", "BadRequest", null),
                    new Case("{\"title\":\"a\",\"title\":\"b\",\"body\":\"\"}", "BadRequest", "BadRequest", null),
                    new Case("[]", "Invalid", "ValidationFailed", ""),
                    new Case("{\"title\":5,\"body\":\"\"}", "Invalid", "ValidationFailed", "/title"),
                    new Case("{\"title\":\"t\",\"body\":null}", "Invalid", "ValidationFailed", "/body"),
                    new Case("{\"title\":\"t\"}", "Invalid", "ValidationFailed", "/body"),
                    new Case("{\"title\":\"t\",\"body\":\"\",\"owner_id\":\"someone\"}", "Invalid", "ValidationFailed",
                            "/owner_id"),
                    new Case("{\"title\":\"t\",\"body\":\"\",\"attachment\":null}", "Invalid", "ValidationFailed",
                            "/attachment"),
                    new Case("{\"title\":\"   \",\"body\":\"\"}", "Invalid", "ValidationFailed", "/title"),
                    new Case("{\"title\":\"" + "t".repeat(201) + "\",\"body\":\"\"}", "Invalid", "ValidationFailed",
                            "/title"),
                    new Case("{\"title\":\"t\",\"body\":\"" + "b".repeat(10_001) + "\"}", "Invalid", "ValidationFailed",
                            "/body"),
                    new Case("{\"title\":\"t\",\"body\":\"a\\u0000b\"}", "Invalid", "ValidationFailed", "/body"),
                    new Case("{\"title\":\"t\",\"body\":\"\\ud800\"}", "Invalid", "ValidationFailed", "/body"),
                    new Case("{\"title\":\"two\\nlines\",\"body\":\"\"}", "Invalid", "ValidationFailed", "/title"))) {
                Reply reply = call("POST", "/api/notes", token, c.body());
                assertThat(reply.status()).as(c.body()).isEqualTo(400);
                assertThat(reply.error().get("name").asString()).as(c.body()).isEqualTo(c.name());
                assertThat(reply.error().get("reason").asString()).as(c.body()).isEqualTo(c.reason());
                if (c.pointer() != null) {
                    assertThat(reply.error().at("/info/causes/0/pointer").asString()).as(c.body()).isEqualTo(c.pointer());
                }
            }
            assertThat(list(token, "").get("notes")).isEmpty();
        }

        @Test
        void limitsCountCharactersNotBytes() {
            String token = signup();
            String emoji = "\uD83D\uDE00";
            JsonNode note = create(token, emoji.repeat(200), "é".repeat(10_000), null);
            assertThat(note.get("title").asString()).isEqualTo(emoji.repeat(200));
            assertThat(note.get("body").asString()).hasSize(10_000);
        }

        @Test
        void wrongContentTypeOrHugeBodyIsBadRequest() {
            String token = signup();
            Reply form = send("POST", "/api/notes", "title=t&body=b", "X-Skygear-API-Key", API_KEY,
                    "Authorization", "Bearer " + token, "Content-Type", "application/x-www-form-urlencoded");
            assertThat(form.status()).isEqualTo(400);
            assertThat(form.error().get("message").asString()).isEqualTo("request content type is invalid");

            Reply huge = call("POST", "/api/notes", token, "{\"title\":\"t\",\"body\":\"" + "b".repeat(200 * 1024) + "\"}");
            assertThat(huge.status()).isEqualTo(400);
            assertThat(huge.error().get("message").asString()).startsWith("request body is too large");
            assertThat(list(token, "").get("notes")).isEmpty();
        }
    }

    // --- HTTP helpers ---

    record Reply(int status, String body) {

        JsonNode json() {
            return Json.mapper().readTree(body);
        }

        JsonNode result() {
            assertThat(status).as(body).isBetween(200, 201);
            return json().get("result");
        }

        JsonNode error() {
            return json().get("error");
        }
    }

    /** A new user of the demo tenant; its access token. */
    static String signup() {
        String username = "user" + USERS.incrementAndGet();
        Reply reply = send("POST", "/_auth/signup", """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(username, PASSWORD),
                "X-Skygear-API-Key", API_KEY);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().at("/result/access_token").asString();
    }

    /** Uploads {@code content} as a text asset the way {@code asset.upload} does; its name. */
    static String upload(String token, String content) {
        Reply presign = call("POST", "/_asset/presign_upload", token, """
                {"headers":{"content-type":"text/plain","content-length":"%d"}}""".formatted(content.length()));
        JsonNode result = presign.result();
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(result.get("url").asString()))
                .method(result.get("method").asString(), HttpRequest.BodyPublishers.ofString(content));
        for (JsonNode header : result.get("headers")) {
            String name = header.get("name").asString();
            if (!Set.of("content-length", "host").contains(name.toLowerCase())) {
                put.header(name, header.get("value").asString());
            }
        }
        assertThat(exchange(put).status()).isEqualTo(200);
        return result.get("asset_name").asString();
    }

    static JsonNode create(String token, String title, String body, String attachment) {
        java.util.Map<String, String> note = new java.util.LinkedHashMap<>();
        note.put("title", title);
        note.put("body", body);
        if (attachment != null) {
            note.put("attachment", attachment);
        }
        Reply reply = call("POST", "/api/notes", token, Json.mapper().writeValueAsString(note));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.result();
    }

    static JsonNode list(String token, String query) {
        return call("GET", "/api/notes" + query, token, null).result();
    }

    /** A request of a logged-in user of the demo client. */
    static Reply call(String method, String path, String token, String json) {
        return send(method, path, json, "X-Skygear-API-Key", API_KEY, "Authorization", "Bearer " + token,
                "Content-Type", "application/json");
    }

    static Reply send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (body != null && List.of(headers).stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request);
    }

    static Reply exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
