package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_A;
import static io.skygear.auth.AuthFixture.APP_B;
import static io.skygear.auth.AuthFixture.APP_HEADER;
import static io.skygear.auth.AuthFixture.COOKIE;
import static io.skygear.auth.AuthFixture.PASSWORD;
import static io.skygear.auth.AuthFixture.WEB;

import io.skygear.auth.HostileJson.Raw;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Generates the hostile requests of {@link HostileInputTest}, deterministically from a seed: for every
 * endpoint, every field with a value of every wrong type and megabyte strings, streamed bodies at and
 * over the 10 MiB limit, and random cases of every other {@link Kind} from every {@link Caller}, about
 * two in five with hostile headers. Cases refer to users and tokens through {@link Targets}, resolved
 * when sent, so that the test can replace a caller whose session a case ended.
 */
final class HostileRequests {

    /** What a case is about. */
    enum Kind {
        TEMPLATE, MALFORMED_JSON, CONTENT_TYPE, EMPTY_BODY, HUGE_BODY, DEEP_NESTING, HUGE_NUMBER, WRONG_TYPE,
        UNKNOWN_FIELD, NULLS, LONG_STRING, UNICODE, INJECTION, HOSTILE_HEADERS
    }

    /** Who calls: the key and the token that come with the request. */
    enum Caller {
        NO_KEY, API_KEY, COOKIE_CLIENT_KEY, MASTER_KEY, USER, USER_WITHOUT_KEY, USER_COOKIE, MASTER_AND_USER
    }

    /**
     * The users and tokens cases refer to: the caller ({@code user…}, a header-transport session of
     * client web; {@code cookieToken}, a cookie-transport one), a bystander whose ids fill request
     * bodies, and a user of tenant B.
     */
    record Targets(String userToken, String userSessionId, String cookieToken, String bystanderId,
                   String bystanderLoginId, String bystanderSessionId, String bystanderRefreshToken,
                   String foreignToken) {
    }

    record Header(String name, String value) {
    }

    /** A request body: bytes, a stream of a given length, or none. {@code contentType} null = no header. */
    sealed interface Payload {
        String contentType();

        /** The body for a report, cut to a readable length. */
        String describe();
    }

    record Bytes(String contentType, byte[] bytes) implements Payload {
        @Override
        public String describe() {
            return preview(new String(bytes, StandardCharsets.UTF_8)) + " (" + bytes.length + " bytes)";
        }
    }

    /**
     * {@code head}, {@code fill} bytes, then {@code tail}: {@code length} bytes in all, sent with
     * Content-Length (and {@code Expect: 100-continue} when {@code expectContinue}) or chunked.
     */
    record Streamed(String contentType, byte[] head, byte fill, byte[] tail, long length, boolean chunked,
                    boolean expectContinue) implements Payload {
        @Override
        public String describe() {
            return preview(new String(head, StandardCharsets.UTF_8)) + "'" + (char) fill + "'…"
                    + preview(new String(tail, StandardCharsets.UTF_8)) + " (" + length + " bytes, "
                    + (chunked ? "chunked" : expectContinue ? "Content-Length, Expect: 100-continue" : "Content-Length")
                    + ")";
        }
    }

    record NoBody(String contentType) implements Payload {
        @Override
        public String describe() {
            return "(no body)";
        }
    }

    /** One request; {@code headers} are added to the caller's, replacing those of the same name. */
    record Case(int number, String path, String method, Kind kind, Caller caller, Function<Targets, Payload> body,
                Function<Targets, List<Header>> headers, String note) {
    }

    /** Random cases per endpoint, on top of the exhaustive ones. */
    static final int RANDOM_CASES_PER_ENDPOINT = 55;

    private static final int MAX_BODY = 10 * 1024 * 1024;

    /** Property names the known endpoints read: added to bodies of endpoints without a template. */
    private static final List<String> KNOWN_FIELDS = List.of("login_id", "login_id_key", "login_ids", "password",
            "old_password", "user_id", "session_id", "refresh_token", "metadata", "disabled", "message", "expiry",
            "on_user_duplicate");

    private final Random random;
    private final SortedMap<String, Set<String>> routes;
    private final List<Case> cases = new ArrayList<>();
    private int names;
    private int megabytes;

    private HostileRequests(long seed, SortedMap<String, Set<String>> routes) {
        this.random = new Random(seed);
        this.routes = routes;
    }

    /** Every case for the endpoints of {@code routes} (path below /_auth/ → methods), in a seeded random order. */
    static List<Case> generate(long seed, SortedMap<String, Set<String>> routes) {
        HostileRequests generator = new HostileRequests(seed, routes);
        routes.keySet().forEach(generator::forEndpoint);
        List<Case> shuffled = new ArrayList<>(generator.cases);
        Collections.shuffle(shuffled, generator.random);
        List<Case> numbered = new ArrayList<>();
        for (Case c : shuffled) {
            numbered.add(new Case(numbered.size() + 1, c.path(), c.method(), c.kind(), c.caller(), c.body(),
                    c.headers(), c.note()));
        }
        return numbered;
    }

    /** Whether the generator knows the body of {@code path}; the others get generic bodies only. */
    static boolean knows(String path) {
        return TEMPLATES.containsKey(path) || EMPTY_BODIES.contains(path) || path.equals("signup");
    }

    private void forEndpoint(String path) {
        List<List<Object>> fields = pointers(template(path));
        for (List<Object> field : fields) {
            for (Object value : HostileValues.ANY_TYPE) {
                add(path, Kind.WRONG_TYPE, callerFor(path), replacing(path, field, value, false), noHeaders(),
                        "wrong type at " + pointer(field));
            }
            if (valueAt(template(path), field) instanceof String) {
                // two of the megabyte strings per field, in turn, so that each endpoint sees them all
                for (int n = 0; n < 2; n++) {
                    int i = megabytes++ % HostileValues.MEGABYTE_STRINGS.size();
                    String huge = HostileValues.MEGABYTE_STRINGS.get(i);
                    add(path, Kind.LONG_STRING, callerFor(path), replacing(path, field, huge, i % 2 == 0), noHeaders(),
                            "1 MB string #" + i + " at " + pointer(field));
                }
            }
        }
        if (fields.isEmpty()) {
            for (String name : KNOWN_FIELDS) {
                add(path, Kind.UNKNOWN_FIELD, callerFor(path), adding(path, name, "x", false), noHeaders(),
                        "field " + name);
            }
        }
        byte[] head = "{\"password\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        add(path, Kind.HUGE_BODY, callerFor(path), t -> new Streamed("application/json", head, (byte) 'a', tail,
                MAX_BODY + 4096L, false, false), noHeaders(), "over 10 MiB, Content-Length");
        add(path, Kind.HUGE_BODY, callerFor(path), t -> new Streamed("application/json", head, (byte) 'a', tail,
                MAX_BODY + 4096L, false, true), noHeaders(), "over 10 MiB, Content-Length, Expect: 100-continue");
        add(path, Kind.HUGE_BODY, callerFor(path), t -> new Streamed("application/json", head, (byte) 'a', tail,
                MAX_BODY + 1L, true, false), noHeaders(), "over 10 MiB by one byte, chunked");
        add(path, Kind.HUGE_BODY, callerFor(path), t -> new Streamed("application/json", new byte[0], (byte) '[',
                new byte[0], MAX_BODY + 100L, true, false), noHeaders(), "over 10 MiB of '[', chunked");
        add(path, Kind.HUGE_BODY, callerFor(path), t -> paddedToLimit(path, t), noHeaders(),
                "10 MiB exactly, valid JSON with padding");
        for (int i = 0; i < RANDOM_CASES_PER_ENDPOINT; i++) {
            randomCase(path);
        }
    }

    private void randomCase(String path) {
        Kind[] kinds = {Kind.TEMPLATE, Kind.MALFORMED_JSON, Kind.MALFORMED_JSON, Kind.CONTENT_TYPE, Kind.EMPTY_BODY,
                Kind.DEEP_NESTING, Kind.HUGE_NUMBER, Kind.WRONG_TYPE, Kind.UNKNOWN_FIELD, Kind.NULLS, Kind.UNICODE,
                Kind.UNICODE, Kind.INJECTION, Kind.HOSTILE_HEADERS, Kind.HOSTILE_HEADERS};
        Kind kind = kinds[random.nextInt(kinds.length)];
        Caller caller = random.nextBoolean() ? callerFor(path) : pick(List.of(Caller.values()));
        List<Attack> attacks = new ArrayList<>();
        int attackCount = kind == Kind.HOSTILE_HEADERS ? 1 + random.nextInt(3) : random.nextInt(3) == 0 ? 1 : 0;
        for (int i = 0; i < attackCount; i++) {
            attacks.add(attack());
        }
        Function<Targets, List<Header>> headers = t -> attacks.stream()
                .flatMap(a -> a.headers().apply(t).stream()).toList();
        String note = String.join("; ", attacks.stream().map(Attack::note).toList());
        Function<Targets, Payload> body = switch (kind) {
            case TEMPLATE, HOSTILE_HEADERS -> json(path, Function.identity(), random.nextBoolean());
            case MALFORMED_JSON -> malformed(path);
            case CONTENT_TYPE -> contentType(path);
            case EMPTY_BODY -> empty();
            case DEEP_NESTING -> deep(path);
            case HUGE_NUMBER -> hugeNumber(path);
            case WRONG_TYPE -> replacing(path, anyField(path), pick(HostileValues.ANY_TYPE), false);
            case UNKNOWN_FIELD -> unknownFields(path);
            case NULLS -> nulls(path);
            case UNICODE -> replacing(path, stringField(path), pick(HostileValues.UNICODE), random.nextBoolean());
            case INJECTION -> replacing(path, stringField(path), pick(HostileValues.INJECTION), random.nextBoolean());
            case LONG_STRING, HUGE_BODY -> throw new IllegalStateException("generated exhaustively");
        };
        add(path, kind, caller, body, headers, note);
    }

    private void add(String path, Kind kind, Caller caller, Function<Targets, Payload> body,
                     Function<Targets, List<Header>> headers, String note) {
        String method = pick(List.copyOf(new TreeSet<>(routes.get(path))));
        cases.add(new Case(0, path, method, kind, caller, body, headers, note));
    }

    // ---- callers and templates

    /**
     * The caller an endpoint's authz lets through (so that the body is what gets tested); a random
     * one for endpoints this class does not know.
     */
    private Caller callerFor(String path) {
        return switch (path) {
            case "signup", "login", "refresh" -> Caller.API_KEY;
            case "reset_password", "disable/set" -> Caller.MASTER_KEY;
            case "update_metadata" -> random.nextBoolean() ? Caller.MASTER_KEY : Caller.USER;
            case "logout", "me", "change_password", "session/list", "session/get", "session/revoke",
                 "session/revoke_all" -> random.nextInt(4) == 0 ? Caller.USER_COOKIE : Caller.USER;
            default -> pick(List.of(Caller.API_KEY, Caller.MASTER_KEY, Caller.USER));
        };
    }

    /**
     * Bodies the known endpoints accept, referring to the bystander so that admin calls leave the caller
     * alone. Signup names are fresh for every case.
     */
    private static final Map<String, Function<Targets, Map<String, Object>>> TEMPLATES = Map.ofEntries(
            Map.entry("login", t -> object("login_id", t.bystanderLoginId(), "login_id_key", "username",
                    "password", PASSWORD)),
            Map.entry("refresh", t -> object("refresh_token", t.bystanderRefreshToken())),
            Map.entry("change_password", t -> object("old_password", PASSWORD, "password", "Changed-pw-42")),
            Map.entry("reset_password", t -> object("user_id", t.bystanderId(), "password", "Reset-pw-42")),
            Map.entry("update_metadata", t -> object("metadata", object("colour", "blue"), "user_id", t.bystanderId())),
            Map.entry("disable/set", t -> object("user_id", t.bystanderId(), "disabled", false, "message", "m",
                    "expiry", "2030-01-01T00:00:00Z")),
            Map.entry("session/get", t -> object("session_id", t.userSessionId())),
            Map.entry("session/revoke", t -> object("session_id", t.bystanderSessionId())));

    /** Endpoints whose body is {@code {}} or ignored. */
    private static final Set<String> EMPTY_BODIES = Set.of("logout", "me", "session/list", "session/revoke_all");

    /** The body template of {@code path}; a signup signs up {@code name}. */
    private static Object template(String path, Targets t, String name) {
        if (path.equals("signup")) {
            return object("login_ids", List.of(object("key", "username", "value", name)),
                    "password", "Signup-pw-42", "metadata", object("a", 1), "on_user_duplicate", "abort");
        }
        return TEMPLATES.getOrDefault(path, x -> new LinkedHashMap<>()).apply(t);
    }

    private static Object template(String path) {
        return template(path, placeholders(), "hostile-0");
    }

    /** The template of {@code path} for the targets, changed by {@code change}; each signup has a fresh name. */
    private Function<Targets, Object> body(String path, Function<Object, Object> change) {
        String name = "hostile-" + (++names);
        return t -> change.apply(template(path, t, name));
    }

    /** Stand-in targets, for building cases without users. */
    static Targets placeholders() {
        return new Targets("t", "s", "c", "b", "bl", "bs", "br", "f");
    }

    // ---- bodies

    private Function<Targets, Payload> json(String path, Function<Object, Object> change, boolean escape) {
        Function<Targets, Object> tree = body(path, change);
        String contentType = pick(HostileValues.JSON_CONTENT_TYPES);
        return t -> new Bytes(contentType, HostileJson.write(tree.apply(t), escape).getBytes(StandardCharsets.UTF_8));
    }

    private Function<Targets, Payload> replacing(String path, List<Object> field, Object value, boolean escape) {
        return json(path, tree -> replace(tree, field, value), escape);
    }

    private Function<Targets, Payload> adding(String path, String name, Object value, boolean escape) {
        return json(path, tree -> {
            Map<String, Object> copy = new LinkedHashMap<>(asMap(tree));
            copy.put(name, value);
            return copy;
        }, escape);
    }

    private Function<Targets, Payload> malformed(String path) {
        Function<Targets, Payload> valid = json(path, Function.identity(), false);
        int variant = random.nextInt(7);
        double cut = random.nextDouble();
        String garbage = pick(List.of(" x", "}", "]", "{}", "\u0000", "//", ",", "\n\n{\"a\":1}", "null", "\u00a0"));
        byte[] bad = pick(HostileValues.INVALID_UTF8);
        String text = pick(HostileValues.MALFORMED);
        return t -> {
            byte[] bytes = ((Bytes) valid.apply(t)).bytes();
            return switch (variant) {
                case 0 -> new Bytes("application/json", java.util.Arrays.copyOf(bytes, Math.max(1, (int) (bytes.length * cut))));
                case 1 -> new Bytes("application/json", concat(bytes, garbage.getBytes(StandardCharsets.UTF_8)));
                case 2 -> new Bytes("application/json", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes));
                case 3 -> new Bytes("application/json", splice(bytes, bad));
                case 4 -> new Bytes("application/json", concat(new byte[] {(byte) 0xFE, (byte) 0xFF},
                        new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16BE)));
                case 5 -> new Bytes("application/json", new String(bytes, StandardCharsets.UTF_8)
                        .getBytes(StandardCharsets.UTF_16LE));
                default -> new Bytes("application/json", text.getBytes(StandardCharsets.UTF_8));
            };
        };
    }

    private Function<Targets, Payload> contentType(String path) {
        Function<Targets, Payload> valid = json(path, Function.identity(), false);
        String type = random.nextInt(6) == 0 ? null : pick(HostileValues.CONTENT_TYPES);
        return t -> new Bytes(type, ((Bytes) valid.apply(t)).bytes());
    }

    private Function<Targets, Payload> empty() {
        String text = pick(List.of("", "", "   \n\t", "null", "[]", "\"\"", "0", "true", "[{}]", "\"{}\""));
        boolean none = random.nextInt(4) == 0;
        return t -> none ? new NoBody("application/json")
                : new Bytes("application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    private Function<Targets, Payload> deep(String path) {
        int depth = pick(List.of(99, 100, 101, 1000, 100_000));
        return switch (random.nextInt(4)) {
            case 0 -> raw(HostileValues.nestedArrays(depth));
            case 1 -> raw(HostileValues.nestedObjects(depth));
            case 2 -> replacing(path, anyField(path), new Raw(HostileValues.nestedArrays(depth)), false);
            default -> replacing(path, anyField(path), HostileValues.nestedMap(pick(List.of(10, 50, 97))), false);
        };
    }

    private Function<Targets, Payload> hugeNumber(String path) {
        Raw number = pick(HostileValues.NUMBERS);
        return random.nextInt(5) == 0 ? raw(number.text()) : replacing(path, anyField(path), number, false);
    }

    private Function<Targets, Payload> unknownFields(String path) {
        Map<String, Object> extra = new LinkedHashMap<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String name = random.nextBoolean() ? pick(HostileValues.UNKNOWN_KEYS) : pick(KNOWN_FIELDS);
            extra.put(name, pick(List.of(pick(HostileValues.ANY_TYPE), pick(HostileValues.UNICODE),
                    pick(HostileValues.INJECTION))));
        }
        boolean escape = random.nextBoolean();
        return json(path, tree -> {
            Map<String, Object> copy = new LinkedHashMap<>(asMap(tree));
            copy.putAll(extra);
            return copy;
        }, escape);
    }

    private Function<Targets, Payload> nulls(String path) {
        return switch (random.nextInt(4)) {
            case 0 -> raw("null");
            case 1 -> json(path, tree -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                asMap(tree).keySet().forEach(k -> copy.put(k, null));
                return copy;
            }, false);
            case 2 -> replacing(path, anyField(path), Collections.singletonList(null), false);
            default -> replacing(path, anyField(path), nullEntry(), false);
        };
    }

    private static Map<String, Object> nullEntry() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", null);
        return map;
    }

    /** A body of exactly the reader's limit: the template plus a {@code padding} string, streamed. */
    private static Payload paddedToLimit(String path, Targets t) {
        Map<String, Object> tree = new LinkedHashMap<>(asMap(template(path, t, "hostile-0")));
        tree.put("padding", "");
        String shell = HostileJson.write(tree, true);
        byte[] head = shell.substring(0, shell.length() - 2).getBytes(StandardCharsets.UTF_8);
        return new Streamed("application/json", head, (byte) 'p', "\"}".getBytes(StandardCharsets.UTF_8), MAX_BODY,
                false, false);
    }

    private static Function<Targets, Payload> raw(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return t -> new Bytes("application/json", bytes);
    }

    // ---- hostile headers

    /** Headers to add (replacing the caller's of the same name). */
    record Attack(String note, Function<Targets, List<Header>> headers) {
    }

    private Attack attack() {
        return switch (random.nextInt(10)) {
            case 0 -> authorization(pick(List.<Function<Targets, String>>of(
                    t -> "Basic dXNlcjpwYXNz", t -> "Token " + t.userToken(), t -> "Bearer", t -> "Bearer ",
                    t -> "Bearer \t", t -> "Bearer a b", t -> "bearer " + t.userToken(), t -> "BEARER   " + t.userToken() + "  ",
                    t -> "Bearer " + t.userToken() + "," + t.userToken(), t -> "Digest x", t -> "Bearer\t" + t.userToken(),
                    t -> "Bearer ".repeat(100), t -> "Bearer \u00e9\u00ff", t -> "Bearer" + t.userToken())), "scheme");
            case 1 -> authorization(garbageToken(), "garbage bearer");
            case 2 -> authorization(wrongSecret(), "right shape, wrong secret");
            case 3 -> cookieConflict();
            case 4 -> extraInfo();
            case 5 -> bigHeaders();
            case 6 -> header("X-Skygear-API-Key", pick(List.of("wrong", " ", "master-key-" + APP_B,
                    AuthFixture.masterKey(APP_A) + " ", "k".repeat(5000), "web-api-key-app-a\u00e9",
                    AuthFixture.apiKey(APP_B, WEB), AuthFixture.masterKey(APP_A).toUpperCase())), "API key");
            case 7 -> header(pick(List.of("X-Real-IP", "X-Forwarded-For", "Forwarded")), pick(List.of("not-an-ip",
                    "999.999.999.999", "[::1", "1.2.3.4, 5.6.7.8", "' OR 1=1 --", ",,,,", "for=\"[::1", "for=;;;;",
                    "unknown", "::ffff:127.0.0.1", "[fe80::1%eth0]:80", "9".repeat(3000))), "client address");
            case 8 -> header("User-Agent", pick(List.of("", "\u00e9\u00e8", "Mozilla/5.0 ".repeat(400), "' OR 1=1 --",
                    "curl/8 (\u00ff)", "()")), "user agent");
            default -> new Attack("tenant B", t -> List.of(new Header(APP_HEADER, APP_B)));
        };
    }

    private Attack authorization(Function<Targets, String> value, String note) {
        return new Attack("Authorization " + note, t -> List.of(new Header("Authorization", value.apply(t))));
    }

    private Attack header(String name, String value) {
        return header(name, value, name);
    }

    private Attack header(String name, String value, String note) {
        return new Attack(note + ": " + preview(value), t -> List.of(new Header(name, value)));
    }

    private Function<Targets, String> garbageToken() {
        StringBuilder printable = new StringBuilder();
        int length = 1 + random.nextInt(300);
        for (int i = 0; i < length; i++) {
            printable.append((char) (0x21 + random.nextInt(0x5e)));
        }
        String token = pick(List.of(printable.toString(), ".", "..", "a.", ".b", "a.b.c", "%00", "null",
                "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "00000000-0000-0000-0000-000000000000." + "A".repeat(32),
                "' OR 1=1 --." + "A".repeat(32), "t".repeat(6000)));
        return t -> "Bearer " + token;
    }

    private Function<Targets, String> wrongSecret() {
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            secret.append("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(62)));
        }
        int variant = random.nextInt(6);
        return t -> "Bearer " + switch (variant) {
            case 0 -> t.userSessionId() + "." + secret;
            case 1 -> t.userToken().substring(0, t.userToken().length() - 1)
                    + (t.userToken().endsWith("A") ? "B" : "A");
            case 2 -> t.foreignToken();
            case 3 -> t.userToken().toUpperCase();
            case 4 -> t.userSessionId() + ".";
            default -> t.bystanderRefreshToken();
        };
    }

    private Attack cookieConflict() {
        int variant = random.nextInt(7);
        return new Attack("session cookie #" + variant, t -> switch (variant) {
            case 0 -> List.of(new Header("Cookie", "session=" + t.userToken()),
                    new Header("Authorization", "Bearer " + t.userToken()));
            case 1 -> List.of(new Header("Cookie", "session=" + t.cookieToken()),
                    new Header("Authorization", "Bearer " + t.userToken()));
            case 2 -> List.of(new Header("Cookie", "session=garbage"));
            case 3 -> List.of(new Header("Cookie", "session="));
            case 4 -> List.of(new Header("Cookie", "session=a; session=" + t.cookieToken()));
            case 5 -> List.of(new Header("Cookie", "$Version=1; session=\"" + t.cookieToken() + "\"; $Path=/"));
            default -> List.of(new Header("Cookie", "session=" + t.foreignToken()));
        });
    }

    private Attack extraInfo() {
        Base64.Encoder base64 = Base64.getEncoder();
        String value = pick(List.of(
                "!!!not base64",
                base64.encodeToString("not json".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString("[1,2]".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString("null".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString(("{\"device_name\":\"" + "d".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString(HostileValues.nestedObjects(200).getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString("{\"device_name\":\"\\u0000\"}".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString("{\"\\u0000\":1}".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString("{\"device_name\":\"\\ud800\"}".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString("{\"device_name\":1e999999}".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'}),
                base64.encodeToString("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)),
                "e30", "e30=====", Base64.getUrlEncoder().encodeToString("{\"device_name\":\"??>>\"}".getBytes(StandardCharsets.UTF_8))));
        return header("X-Skygear-Extra-Info", value, "extra info");
    }

    private Attack bigHeaders() {
        int size = pick(List.of(2000, 6000, 9000, 70_000));
        int count = random.nextBoolean() ? 1 : 40;
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            headers.add(new Header("X-Big-" + i, "b".repeat(size / count)));
        }
        return new Attack(count + " headers of " + size + " bytes in all", t -> headers);
    }

    // ---- trees

    private List<Object> anyField(String path) {
        List<List<Object>> fields = pointers(template(path));
        return fields.isEmpty() ? List.of(pick(KNOWN_FIELDS)) : pick(fields);
    }

    private List<Object> stringField(String path) {
        Object tree = template(path);
        List<List<Object>> strings = pointers(tree).stream().filter(p -> valueAt(tree, p) instanceof String).toList();
        return strings.isEmpty() ? List.of(pick(KNOWN_FIELDS)) : pick(strings);
    }

    /** Every property and element below the root, as paths of keys and indexes. */
    static List<List<Object>> pointers(Object tree) {
        List<List<Object>> out = new ArrayList<>();
        collect(tree, new ArrayList<>(), out);
        return out;
    }

    private static void collect(Object node, List<Object> path, List<List<Object>> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                List<Object> child = new ArrayList<>(path);
                child.add(e.getKey());
                out.add(child);
                collect(e.getValue(), child, out);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                List<Object> child = new ArrayList<>(path);
                child.add(i);
                out.add(child);
                collect(list.get(i), child, out);
            }
        }
    }

    private static Object valueAt(Object tree, List<Object> path) {
        Object node = tree;
        for (Object step : path) {
            node = step instanceof Integer i ? ((List<?>) node).get(i) : ((Map<?, ?>) node).get(step);
        }
        return node;
    }

    /** A copy of {@code tree} with {@code value} at {@code path} (created as a property when absent). */
    static Object replace(Object tree, List<Object> path, Object value) {
        if (path.isEmpty()) {
            return value;
        }
        Object step = path.getFirst();
        List<Object> rest = path.subList(1, path.size());
        if (step instanceof Integer i && tree instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list);
            copy.set(i, replace(list.get(i), rest, value));
            return copy;
        }
        Map<String, Object> copy = new LinkedHashMap<>(asMap(tree));
        copy.put((String) step, replace(copy.get(step), rest, value));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object tree) {
        return tree instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    private static String pointer(List<Object> path) {
        StringBuilder out = new StringBuilder();
        path.forEach(step -> out.append('/').append(step));
        return out.toString();
    }

    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Function<Targets, List<Header>> noHeaders() {
        return t -> List.of();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** {@code bad} inserted inside the first string of {@code json} (or after its first byte). */
    private static byte[] splice(byte[] json, byte[] bad) {
        int at = 1;
        for (int i = 0; i + 1 < json.length; i++) {
            if (json[i] == ':' && json[i + 1] == '"') {
                at = i + 2;
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(json, 0, at);
        out.writeBytes(bad);
        out.write(json, at, json.length - at);
        return out.toByteArray();
    }

    static String preview(String s) {
        String shown = s.length() > 160 ? s.substring(0, 160) + "…[" + s.length() + " chars]" : s;
        StringBuilder out = new StringBuilder();
        shown.chars().forEach(c -> out.append(c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0xd800 && c < 0xe000)
                ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
