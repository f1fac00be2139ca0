package io.skygear.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.core.config.TemplateItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendering, escaping, overrides (key, language, fallback), loaders and limits of the template engine. */
class TemplateEngineTest {

    static final TemplateSpec TEXT = new TemplateSpec("welcome_email.txt", "Hi {{name}}{{#vip}}, VIP{{/vip}}!", false, false);
    static final TemplateSpec HTML = new TemplateSpec("welcome_email.html", "<p title=\"{{name}}\">Hi {{name}}</p>", false, true);
    static final TemplateSpec KEYED = new TemplateSpec("user_verification_email.txt", "default {{code}}", true, false);

    final TemplateEngine engine = TemplateEngine.create();

    @Test
    void htmlTemplatesEscapeEveryValueAndTextTemplatesNone() {
        Map<String, Object> hostile = Map.of("name", "\"><script>alert('x')</script>&");

        assertThat(engine.render(HTML, hostile)).isEqualTo(
                "<p title=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;\">Hi &quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>");
        assertThat(engine.render(TEXT, Map.of("name", "<b>Ann</b>", "vip", true))).isEqualTo("Hi <b>Ann</b>, VIP!");
        assertThat(engine.render(TEXT, Map.of("name", "Bob"))).isEqualTo("Hi Bob!");
    }

    @Test
    void valuesAreMapEntriesNotJavaMembers() {
        TemplateSpec probe = new TemplateSpec("t.txt", "[{{name.class}}][{{name.bytes}}][{{user.metadata.team}}]", false, false);

        assertThat(engine.render(probe, Map.of("name", "Ann", "user", Map.of("metadata", Map.of("team", "red")))))
                .isEqualTo("[][][red]");
    }

    @Test
    void partialsAreRefused() {
        TemplateItem partial = item("welcome_email.txt", "", "", "{{> /etc/passwd}}");

        assertThatThrownBy(() -> engine.render(TEXT, List.of(partial), null, List.of(), Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("partials are not allowed");
    }

    @Test
    void overridesAreChosenByKeyThenLanguageWithFallbacks() {
        List<TemplateItem> items = List.of(
                item("user_verification_email.txt", "", "", "any key {{code}}"),
                item("user_verification_email.txt", "", "phone", "phone {{code}}"),
                item("user_verification_email.txt", "zh-HK", "phone", "電話 {{code}}"),
                item("welcome_email.txt", "", "", "other type"));
        Map<String, Object> data = Map.of("code", "123456");

        assertThat(engine.render(KEYED, items, "phone", List.of(), data)).isEqualTo("phone 123456");
        assertThat(engine.render(KEYED, items, "phone", Locale.LanguageRange.parse("zh-HK,en;q=0.5"), data)).isEqualTo("電話 123456");
        assertThat(engine.render(KEYED, items, "phone", Locale.LanguageRange.parse("fr"), data)).isEqualTo("phone 123456");
        assertThat(engine.render(KEYED, items, "email", List.of(), data)).isEqualTo("any key 123456");
        assertThat(engine.render(KEYED, List.of(), "email", List.of(), data)).isEqualTo("default 123456");
    }

    @Test
    void dataUrisLoadAndFileUrisOnlyWhenEnabled(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.txt");
        Files.writeString(file, "from file {{name}}");
        TemplateItem fromFile = item("welcome_email.txt", "", "", file.toUri().toString());
        TemplateItem plain = new TemplateItem("welcome_email.txt", "", "", "data:,plain%20{{name}}", "");

        assertThat(engine.render(TEXT, List.of(plain), null, List.of(), Map.of("name", "Ann"))).isEqualTo("plain Ann");
        assertThatThrownBy(() -> engine.render(TEXT, List.of(fromFile), null, List.of(), Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("file URIs are disabled");
        assertThat(TemplateEngine.builder().fileLoader(true).build().render(TEXT, List.of(fromFile), null, List.of(),
                Map.of("name", "Ann"))).isEqualTo("from file Ann");
        assertThatThrownBy(() -> engine.render(TEXT, List.of(new TemplateItem("welcome_email.txt", "", "", "https://x/t", "")),
                null, List.of(), Map.of())).hasMessageContaining("unknown URI scheme");
    }

    @Test
    void templatesAndOutputAreLimitedInSize() {
        TemplateEngine small = TemplateEngine.builder().maxSize(64).build();
        TemplateSpec loop = new TemplateSpec("t.txt", "{{#items}}{{.}}{{/items}}", false, false);

        assertThatThrownBy(() -> small.render(new TemplateSpec("t.txt", "x".repeat(65), false, false), Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("template is too large");
        assertThatThrownBy(() -> small.render(loop, Map.of("items", List.of("x".repeat(40), "y".repeat(40)))))
                .isInstanceOf(TemplateException.class).hasMessageContaining("rendered template is too large");
        assertThat(small.render(loop, Map.of("items", List.of("a", "b")))).isEqualTo("ab");
    }

    @Test
    void syntaxErrorsNameTheTemplate() {
        assertThatThrownBy(() -> engine.render(new TemplateSpec("broken.txt", "{{#open}} never closed", false, false), Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageStartingWith("template broken.txt:");
    }

    private static TemplateItem item(String type, String language, String key, String body) {
        String uri = body.startsWith("file:") ? body
                : "data:text/plain;base64," + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
        return new TemplateItem(type, language, key, uri, "");
    }
}
