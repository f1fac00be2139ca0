package io.skygear.auth;

import static io.skygear.auth.AuthFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.AuthFixture.Reply;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Routing of {@code /_auth/*}: unknown paths, methods, OPTIONS. */
class AuthServletTest {

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static Reply request(String method, String path) {
        return auth.send(HttpRequest.newBuilder(auth.server.uri(path)).headers(key())
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void unknownPathIsGoPlainTextNotFound() {
        for (String path : new String[] {"/_auth/nope", "/_auth/login/", "/_auth/", "/_auth/LOGIN"}) {
            Reply reply = auth.post(path, "{}", key());

            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.body()).as(path).isEqualTo("404 page not found\n");
            assertThat(reply.header("Content-Type")).as(path).hasValue("text/plain;charset=utf-8");
        }
    }

    @Test
    void methodTheEndpointDoesNotServeIs405() {
        Reply reply = request("GET", "/_auth/login");

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).hasValue("OPTIONS, POST");
        assertThat(request("DELETE", "/_auth/signup").status()).isEqualTo(405);
    }

    @Test
    void optionsOfAKnownPathIsAnEmpty200() {
        Reply reply = request("OPTIONS", "/_auth/signup");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
    }
}
