package io.skygear.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Vectors of the original's matcher (iawaknahc/originmatcher) plus the edge cases of its spec syntax. */
class OriginMatcherTest {

    private static final List<String> COMMON = List.of(
            "http://localhost", "http://localhost:3000", "https://localhost", "https://localhost:3000",
            "http://example.com", "http://example.com:80", "https://example.com", "https://example.com:443",
            "http://www.example.com", "http://www.example.com:80", "https://www.example.com",
            "https://www.example.com:443");

    private static void assertMatches(String spec, List<String> matches, List<String> rejects) {
        OriginMatcher matcher = OriginMatcher.parse(spec);
        assertThat(matches).as("spec %s should match", spec).allMatch(matcher::matches);
        assertThat(rejects).as("spec %s should reject", spec).noneMatch(matcher::matches);
    }

    @Test
    void emptySpecMatchesNothing() {
        assertMatches("", List.of(), COMMON);
    }

    @Test
    void starMatchesEverything() {
        assertMatches("*", COMMON, List.of());
        assertMatches("*,*", COMMON, List.of());
    }

    @Test
    void explicitSchemeAndDefaultPort() {
        assertMatches("http://localhost", List.of("http://localhost", "http://localhost:80"),
                List.of("http://localhost:3000", "https://localhost", "https://localhost:3000", "http://example.com"));
        assertMatches("http://localhost:3000", List.of("http://localhost:3000"),
                List.of("http://localhost", "http://localhost:80", "https://localhost:3000"));
        assertMatches("https://example.com", List.of("https://example.com", "https://example.com:443"),
                List.of("http://example.com", "http://example.com:80"));
    }

    @Test
    void withoutSchemeBothHttpAndHttpsMatchOnTheirDefaultPorts() {
        assertMatches("localhost",
                List.of("http://localhost", "http://localhost:80", "https://localhost", "https://localhost:443"),
                List.of("http://localhost:3000", "https://localhost:3000", "http://example.com"));
        assertMatches("localhost:3000", List.of("http://localhost:3000", "https://localhost:3000"),
                List.of("http://localhost", "https://localhost:443", "ftp://localhost:3000"));
        assertMatches("example.com:3000", List.of("http://example.com:3000", "https://example.com:3000"),
                List.of("http://example.com"));
    }

    @Test
    void leadingWildcardLabels() {
        assertMatches("*.example.com",
                List.of("http://a.example.com", "http://a.example.com:80", "https://a.example.com:443"),
                List.of("http://a.example.com:81", "http://example.com", "http://example1.com", "http://a.b.example.com"));
        assertMatches("a*.*b.a*b.example.com", List.of("http://a.b.ab.example.com", "http://aa.bb.acb.example.com"),
                List.of("http://b.b.ab.example.com"));
        assertMatches("a*.*.example.com,*.example.com,example.com",
                List.of("http://www.example.com", "https://www.example.com:443", "http://example.com",
                        "https://a.b.example.com"),
                List.of("http://www.example.com:3000", "http://b.a.example.com"));
    }

    @Test
    void wildcardLabelsStartWithALetterAndMatchCaseSensitively() {
        assertMatches("*.example.com", List.of("http://x1-y.example.com"),
                List.of("http://1x.example.com", "http://-x.example.com", "http://A.Example.com"));
    }

    @Test
    void addressHosts() {
        assertMatches("127.0.0.1", List.of("http://127.0.0.1", "https://127.0.0.1"),
                List.of("http://localhost", "http://127.0.0.1:8080"));
        assertMatches("[::1]", List.of("http://[::1]", "https://[::1]:443"), List.of("http://localhost", "http://[::2]"));
        assertMatches("[::1]:3000", List.of("http://[::1]:3000"), List.of("http://[::1]"));
        assertMatches("test.127.0.0.1.xip.io", List.of("http://test.127.0.0.1.xip.io"),
                List.of("http://127.0.0.1", "http://test.127.0.0.1.xip.io:8080"));
    }

    @Test
    void singleLabelHostsAreTakenLiterally() {
        assertMatches("XXXX", List.of("http://XXXX"), List.of("http://xxxx"));
        assertMatches("http://*", List.of("http://intranet"), List.of("https://intranet", "http://a.b"));
    }

    @Test
    void originsAreParsedLeniently() {
        assertMatches("localhost", List.of("http://user:pw@localhost/path?q#f", "HTTP://localhost"),
                List.of("localhost", "null", "", "http://", "http://localhost:x", "http://local host"));
    }

    @Test
    void invalidSpecsAreRejected() {
        for (String spec : List.of("example.*", "a.*", "*.*", "*.com", "a.*.example.com", "*a*.example.com",
                "a.com, b.com", "a.com,", ",a.com", "http://", "[::1", "[zz]", "1password.com", "256.0.0.1",
                "localhost:99999", "localhost:", "localhost:3000/", "local*", "exa_mple.com")) {
            assertThatThrownBy(() -> OriginMatcher.parse(spec)).as(spec).isInstanceOf(IllegalArgumentException.class);
            assertThat(OriginMatcher.tryParse(spec)).as(spec).isEmpty();
        }
    }

    @Test
    void specIsKeptVerbatim() {
        assertThat(OriginMatcher.parse("*.example.com,localhost:3000")).hasToString("*.example.com,localhost:3000");
    }
}
