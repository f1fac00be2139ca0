package io.skygear.assets;

import static io.skygear.assets.AssetFixture.master;
import static io.skygear.assets.AssetFixture.tenant;
import static io.skygear.assets.AssetFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code POST /_asset/presign_upload_form} and the multipart {@code POST /_asset/upload_form}, on each storage. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UploadFormContract {

    static final String BOUNDARY = "----skygear-test-boundary";
    static final long MAX_UPLOAD = 64 * 1024;

    AssetFixture fixture;

    abstract AssetFixture.Backend backend();

    @BeforeAll
    void start() {
        fixture = AssetFixture.start(backend(), AssetSettings.builder().maxUploadBytes(MAX_UPLOAD).build());
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void formUploadStoresTheFileAndAnswersItsName() {
        byte[] file = "form upload body".getBytes(StandardCharsets.UTF_8);
        var reply = post(formUrl(), form(List.of("prefix", "form-", "access", "public"), "file", "hello.txt",
                "text/plain", file));

        assertThat(reply.status()).isEqualTo(200);
        String name = reply.result().get("asset_name").asString();
        assertThat(name).matches("form-[0-9a-f-]{36}\\.txt");
        var get = fixture.get("/_asset/get/" + name, tenant(fixture.a));
        assertThat(get.bytes()).isEqualTo(file);
        assertThat(get.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    }

    @Test
    void headerFieldsAndAnExactNameAreHonoured() {
        var reply = post(formUrl(), form(List.of("exact_name", "form-exact.bin", "content-type", "application/pdf",
                "content-disposition", "attachment", "access", "private"), "file", "x.bin", "application/octet-stream",
                new byte[] {1, 2, 3}));

        assertThat(reply.result().get("asset_name").asString()).isEqualTo("form-exact.bin");
        var get = fixture.get("/_asset/get/form-exact.bin", tenant(fixture.a));
        assertThat(get.status()).isEqualTo(401);
    }

    @Test
    void userWithApiKeyMayPresignAForm() {
        var reply = fixture.postJson("/_asset/presign_upload_form", "{}", user(fixture.a, "u1"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.result().get("url").asString()).contains("/_asset/upload_form?").contains("x-skygear-expires=900");
    }

    @Test
    void presignFormNeedsJson() {
        var reply = fixture.send(HttpRequest.newBuilder(fixture.server.uri("/_asset/presign_upload_form"))
                .headers(master(fixture.a)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error().get("message").asString()).isEqualTo("request content type is invalid");
    }

    @Test
    void formErrorsAreTheOriginals() {
        String url = formUrl();
        byte[] file = {1};
        assertFormError(fixture.send(HttpRequest.newBuilder(URI.create(url)).headers(tenant(fixture.a))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build()), "invalid content-type");
        assertFormError(fixture.send(HttpRequest.newBuilder(URI.create(url)).headers(tenant(fixture.a))
                .header("Content-Type", "multipart/form-data").POST(HttpRequest.BodyPublishers.ofString("x")).build()),
                "invalid boundary");
        assertFormError(post(url, form(List.of("content-type", "a/b", "content-type", "c/d"), "file", "f", "a/b", file)),
                "repeated field: content-type");
        assertFormError(post(url, form(List.of("prefix", "x"), null, null, null, null)), "expected exactly 1 file part");
        assertFormError(post(url, form(List.of(), "upload", "f.txt", "text/plain", file)), "invalid file field");
    }

    @Test
    void unknownFieldIsAnExtraEntryOfThePresignedRequest() {
        var reply = post(formUrl(), form(List.of("unknown", "1"), "file", "f.txt", "text/plain", new byte[] {1}));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error().get("reason").asString()).isEqualTo("ValidationFailed");
        assertThat(reply.error().get("message").asString()).isEqualTo("invalid pre-signed request");
        assertThat(reply.error().get("info").get("causes").get(0).get("kind").asString()).isEqualTo("ExtraEntry");
        assertThat(reply.error().get("info").get("causes").get(0).get("pointer").asString()).isEqualTo("/headers/unknown");
    }

    @Test
    void fileOverTheLimitIsRefusedWhileStreaming() {
        var reply = post(formUrl(), form(List.of(), "file", "big.bin", "application/octet-stream",
                new byte[(int) MAX_UPLOAD + 1]));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error().get("reason").asString()).isEqualTo("AssetTooLarge");
    }

    @Test
    void receivedSizeCountsAgainstThePlanQuota() {
        String url = fixture.postJson("/_asset/presign_upload_form", "{}", master(fixture.q)).result().get("url").asString();
        byte[] body = form(List.of(), "file", "big.bin", "application/octet-stream",
                new byte[(int) AssetFixture.QUOTA_BYTES + 1]);

        var reply = fixture.send(HttpRequest.newBuilder(URI.create(url)).headers(tenant(fixture.q))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.error().get("reason").asString()).isEqualTo("AssetQuotaExceeded");
        assertThat(fixture.get("/_asset/assets", master(fixture.q)).result().get("assets")).isEmpty();
    }

    @Test
    void unsignedExpiredOrForeignFormUrlsAreRefused() {
        String url = formUrl();
        byte[] body = form(List.of(), "file", "f.txt", "text/plain", new byte[] {1});

        var unsigned = post(fixture.server.uri("/_asset/upload_form").toString(), body);
        var foreign = fixture.send(HttpRequest.newBuilder(URI.create(url)).headers(tenant(fixture.b))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        fixture.clock.advance(Duration.ofMinutes(16));
        AssetFixture.Reply expired;
        try {
            expired = post(url, body);
        } finally {
            fixture.clock.advance(Duration.ofMinutes(-16));
        }

        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(foreign.error().get("reason").asString()).isEqualTo("InvalidSignature");
        assertThat(expired.error().get("reason").asString()).isEqualTo("ExpiredSignature");
    }

    private void assertFormError(AssetFixture.Reply reply, String message) {
        assertThat(reply.status()).as(message).isEqualTo(400);
        assertThat(reply.error().get("name").asString()).isEqualTo("BadRequest");
        assertThat(reply.error().get("reason").asString()).isEqualTo("BadAssetUploadForm");
        assertThat(reply.error().get("message").asString()).isEqualTo(message);
    }

    private String formUrl() {
        var reply = fixture.postJson("/_asset/presign_upload_form", "{}", master(fixture.a));
        assertThat(reply.status()).isEqualTo(200);
        return reply.result().get("url").asString();
    }

    private AssetFixture.Reply post(String url, byte[] body) {
        return fixture.send(HttpRequest.newBuilder(URI.create(url)).headers(tenant(fixture.a))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A multipart body: text fields (name, value, …) then, unless {@code fileField} is null, one file part. */
    static byte[] form(List<String> fields, String fileField, String filename, String contentType, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < fields.size(); i += 2) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fields.get(i)
                    + "\"\r\n\r\n" + fields.get(i + 1) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (fileField != null) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fileField
                    + "\"; filename=\"" + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(file);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
