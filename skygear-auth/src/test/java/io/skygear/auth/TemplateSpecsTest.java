package io.skygear.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.http.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /_auth/.skygear/templates.json}: the overridable template types, sorted, no key needed. */
class TemplateSpecsTest {

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    @Test
    void listsEveryTemplateTypeSortedWithoutAnyKey() {
        AuthFixture.Reply reply = auth.get("/_auth/.skygear/templates.json");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode specs = Json.mapper().readTree(reply.body());
        List<String> types = new ArrayList<>();
        specs.forEach(spec -> types.add(spec.get("type").asString()));
        assertThat(types).hasSize(15).isSorted()
                .contains("forgot_password_email.txt", "welcome_email.html", "mfa_oob_code_sms.txt");
        assertThat(specs).allSatisfy(spec -> assertThat(spec.get("is_html").asBoolean())
                .isEqualTo(spec.get("type").asString().endsWith(".html")));
        assertThat(specs).filteredOn(spec -> spec.get("is_keyed").asBoolean())
                .extracting(spec -> spec.get("type").asString())
                .allMatch(type -> type.startsWith("user_verification_"));
    }

    @Test
    void onlyGetIsServed() {
        assertThat(auth.post("/_auth/.skygear/templates.json", "{}").status()).isEqualTo(405);
    }
}
