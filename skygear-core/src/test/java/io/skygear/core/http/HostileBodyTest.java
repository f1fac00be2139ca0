package io.skygear.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Generated hostile bodies (truncated, deeply nested, huge numbers, wrong types, odd unicode, nulls,
 * duplicate keys, random bytes) against a record endpoint and a tree endpoint: every answer is a 200
 * or a well-formed 400 envelope, never a 5xx.
 */
class HostileBodyTest {

    record Login(List<LoginId> loginIds, String password, Optional<String> realm, Optional<Integer> limit,
                 Optional<Double> ratio, Optional<Map<String, JsonNode>> metadata, Optional<Boolean> remember) {}

    record LoginId(String key, String value) {}

    static final class Endpoint extends JsonApiServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (req.getPathInfo().equals("/login")) {
                Login login = JsonBodyReader.standard().read(req, Login.class);
                ApiResponses.writeResult(resp, Map.of("ids", login.loginIds().size()));
            } else {
                ApiResponses.writeResult(resp, Map.of("type", JsonBodyReader.standard().readTree(req).getNodeType()));
            }
        }
    }

    private static final List<String> SEEDS = List.of(
            "{\"login_ids\":[{\"key\":\"email\",\"value\":\"a@example.com\"}],\"password\":\"secret\"}",
            "{\"login_ids\":[{\"key\":\"username\",\"value\":\"ü\"}],\"password\":\"p\",\"realm\":\"default\","
                    + "\"limit\":3,\"ratio\":0.25,\"metadata\":{\"a\":{\"b\":[1,2,{\"c\":null}]}},\"remember\":true}",
            "{\"login_ids\":[],\"password\":\"\",\"metadata\":{}}");

    private static final List<String> HOSTILE_VALUES = List.of(
            "null", "true", "0", "-0", "1.5", "1e400", "-1e400", "1e-400", "1e999999999", "123456789012345678901234567890",
            "9".repeat(1000), "9".repeat(1001), "2147483648", "-2147483649", "\"\"", "\"\\u0000\"", "\"\\ud800\"",
            "\"\\udc00\\ud800\"", "\"😀\\u2028\"", "\"\u202e\"", "[]", "{}", "[null]", "{\"\":null}",
            "[[[[[[[[[[]]]]]]]]]]", "\"" + "x".repeat(10_000) + "\"", "{\"__proto__\":{}}", "NaN", "Infinity", "01",
            "0x10", "'s'", "\"\\x\"", "tru", "\"unterminated");

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer().servlet(new Endpoint(), "/h/*").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void generatedHostileBodiesGetOnly200Or400() {
        Random random = new Random(20191129);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            bodies.add(hostileBody(random));
        }
        int rejected = 0;
        for (int i = 0; i < bodies.size(); i++) {
            String path = i % 3 == 0 ? "/h/tree" : "/h/login";
            HttpResponse<String> response = send(path, bodies.get(i));
            String shown = new String(bodies.get(i), StandardCharsets.UTF_8);
            String sample = shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
            assertThat(response.statusCode()).as("body #%d %s", i, sample).isIn(200, 400);
            JsonNode envelope = Json.mapper().readTree(response.body());
            if (response.statusCode() == 400) {
                rejected++;
                assertThat(envelope.at("/error/name").stringValue()).as(sample).isIn("BadRequest", "Invalid");
                assertThat(envelope.at("/error/code").intValue()).isEqualTo(400);
            } else {
                assertThat(envelope.has("result")).isTrue();
            }
        }
        // the generator really is hostile: most bodies must be refused
        assertThat(rejected).isGreaterThan(bodies.size() / 2);
    }

    private static HttpResponse<String> send(String path, byte[] body) {
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    private static byte[] hostileBody(Random random) {
        String seed = SEEDS.get(random.nextInt(SEEDS.size()));
        return switch (random.nextInt(10)) {
            case 0 -> utf8(seed.substring(0, random.nextInt(seed.length())));
            case 1 -> utf8(deepNesting(random));
            case 2 -> utf8(replaceValue(seed, random));
            case 3 -> utf8(seed.replace("\"password\":", "\"password\":\"x\",\"password\":"));
            case 4 -> utf8(insertAtRandom(seed, random, List.of("{", "}", "[", "]", ",", ":", "\"", "\\", " ", "\u0000")));
            case 5 -> utf8(seed.substring(0, seed.length() - 1) + ",\"" + unicodeNoise(random) + "\":"
                    + pick(HOSTILE_VALUES, random) + "}");
            case 6 -> flipBytes(utf8(seed), random);
            case 7 -> randomBytes(random);
            case 8 -> utf8(pick(HOSTILE_VALUES, random));
            default -> utf8(replaceValue(replaceValue(seed, random), random));
        };
    }

    /** Replaces one scalar or container value of the seed with a hostile one. */
    private static String replaceValue(String seed, Random random) {
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < seed.length(); i++) {
            if (seed.charAt(i) == ':') {
                int start = i + 1;
                int end = start;
                int depth = 0;
                boolean inString = false;
                for (; end < seed.length(); end++) {
                    char c = seed.charAt(end);
                    if (inString) {
                        if (c == '\\') {
                            end++;
                        } else if (c == '"') {
                            inString = false;
                        }
                    } else if (c == '"') {
                        inString = true;
                    } else if (c == '{' || c == '[') {
                        depth++;
                    } else if (c == '}' || c == ']') {
                        if (depth == 0) {
                            break;
                        }
                        depth--;
                    } else if (c == ',' && depth == 0) {
                        break;
                    }
                }
                spans.add(new int[] {start, end});
            }
        }
        if (spans.isEmpty()) {
            return seed;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return seed.substring(0, span[0]) + pick(HOSTILE_VALUES, random) + seed.substring(span[1]);
    }

    private static String deepNesting(Random random) {
        int depth = 1 + random.nextInt(random.nextBoolean() ? 120 : 20_000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return "{\"login_ids\":" + open.repeat(depth) + "1" + close.repeat(random.nextInt(depth + 1)) + "}";
    }

    private static String insertAtRandom(String seed, Random random, List<String> tokens) {
        StringBuilder sb = new StringBuilder(seed);
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            sb.insert(random.nextInt(sb.length() + 1), pick(tokens, random));
        }
        return sb.toString();
    }

    private static String unicodeNoise(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(8); n >= 0; n--) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> 0x80 + random.nextInt(0x780);
                case 2 -> 0x1F600 + random.nextInt(0x50);
                default -> 0x2000 + random.nextInt(0x70);
            };
            if (cp != '"' && cp != '\\') {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    private static byte[] flipBytes(byte[] bytes, Random random) {
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static byte[] randomBytes(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = random.nextInt(64); n > 0; n--) {
            out.write(random.nextInt(256));
        }
        return out.toByteArray();
    }

    private static <T> T pick(List<T> items, Random random) {
        return items.get(random.nextInt(items.size()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyHostileValueInEveryPositionIsRefusedOrAccepted() {
        Set<Integer> statuses = new java.util.TreeSet<>();
        for (String value : HOSTILE_VALUES) {
            for (String field : List.of("login_ids", "password", "realm", "limit", "ratio", "metadata", "remember")) {
                Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("login_ids", "[]", "password", "\"p\""));
                fields.put(field, value);
                StringBuilder body = new StringBuilder("{");
                fields.forEach((k, v) -> body.append(body.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
                body.append('}');
                int status = send("/h/login", utf8(body.toString())).statusCode();
                assertThat(status).as(body.length() > 200 ? body.substring(0, 200) : body.toString()).isIn(200, 400);
                statuses.add(status);
            }
        }
        assertThat(statuses).containsExactly(200, 400);
    }
}
