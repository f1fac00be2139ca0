package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_A;
import static io.skygear.auth.AuthFixture.APP_B;
import static io.skygear.auth.AuthFixture.APP_HEADER;
import static io.skygear.auth.AuthFixture.COOKIE;
import static io.skygear.auth.AuthFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.AuthFixture.Login;
import io.skygear.auth.HostileRequests.Bytes;
import io.skygear.auth.HostileRequests.Case;
import io.skygear.auth.HostileRequests.Header;
import io.skygear.auth.HostileRequests.NoBody;
import io.skygear.auth.HostileRequests.Payload;
import io.skygear.auth.HostileRequests.Streamed;
import io.skygear.auth.HostileRequests.Targets;
import io.skygear.auth.internal.http.AuthServlet;
import io.skygear.auth.internal.session.AccessEvent;
import io.skygear.auth.internal.session.IssuedSession;
import io.skygear.auth.internal.session.SessionCreation;
import io.skygear.auth.internal.session.SessionService;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.Json;
import io.skygear.core.http.JsonBodyReader;
import io.skygear.core.tenant.TenantContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance: over a thousand hostile requests, generated from a printed seed (rerun one with
 * {@code -Dhostile.seed=<seed>}), spread over every endpoint the gear routes when the test runs
 * ({@link AuthServlet#routes()}), so endpoints added later are covered without a change here. Every
 * answer is a success (the {@code {"result": …}} envelope; a JSON document for GET endpoints) or an
 * error envelope whose code is its status (browser-facing pages may answer HTML, plain text or a
 * redirect), never a 5xx; Jetty may refuse on its own only requests whose headers are over its limit
 * or not ASCII.
 */
class HostileInputTest {

    static final long SEED = Long.getLong("hostile.seed", 20_240_301L);

    /** Above this much header text, or with non-ASCII header bytes, Jetty itself may answer 4xx. */
    static final int CONTAINER_HEADER_LIMIT = 6000;

    static AuthFixture auth;
    static Users users;
    /** Streamed uploads sent again after the connection was reset before any response. */
    static int resent;
    static SortedMap<String, Set<String>> routes;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
        users = new Users();
        routes = ((AuthServlet) auth.gear.servlet()).routes();
    }

    @AfterAll
    static void stop() {
        if (users != null) {
            users.close();
        }
        auth.close();
    }

    /** One request as sent and what came back (or how the exchange failed). */
    record Outcome(int status, String body, Optional<String> contentType, Map<String, List<String>> headers,
                   String failure) {
    }

    @Test
    void everyEndpointAnswersHostileRequestsWithAnEnvelopeAndNeverA5xx() {
        List<Case> cases = HostileRequests.generate(SEED, routes);
        System.out.printf("HostileInputTest: seed %d, %d requests over %d endpoints %s%n", SEED, cases.size(),
                routes.size(), routes.keySet());
        routes.keySet().stream().filter(path -> !HostileRequests.knows(path)).forEach(path -> System.out.printf(
                "HostileInputTest: %s has no body template in HostileRequests: generic bodies only%n", path));

        Tally tally = new Tally();
        List<String> problems = new ArrayList<>();
        List<Header> changedBy = List.of();
        Supplier<String> previous = () -> "the first case";
        for (Case c : cases) {
            checkCallers(changedBy, previous);
            Targets targets = users.targets();
            List<Header> headers = headers(c, targets);
            Payload payload = c.body().apply(targets);
            long started = System.nanoTime();
            Outcome outcome = sendRetryingResets(c, headers, payload);
            tally.add(c, outcome, System.nanoTime() - started);
            // Refused before our code ran: an oversized upload or header block is answered by Jetty (400/431)
            // and the connection closed while the client may still be writing, so the client can see the
            // reset instead of the answer (a transport race, not an answer of ours).
            boolean containerMayAnswer = containerMayAnswer(headers, payload);
            boolean refusedByContainer = refusedUnread(payload) || containerMayAnswer;
            Optional<String> problem = outcome.failure() != null && refusedByContainer ? Optional.empty()
                    : problem(outcome, c.method(), containerMayAnswer, isPage(c.path()));
            problem.ifPresent(p -> problems.add(reproduction(c, headers, payload, outcome, p)));
            changedBy = outcome.status() >= 200 && outcome.status() < 300 ? headers : List.of();
            previous = () -> reproduction(c, headers, payload, outcome, "case") + "\n    response headers: "
                    + outcome.headers();
        }
        tally.print();

        assertThat(cases).hasSizeGreaterThanOrEqualTo(1000);
        assertThat(tally.statuses.keySet()).as("every routed endpoint got requests").isEqualTo(routes.keySet());
        assertThat(problems).as("requests answered with a 5xx or without an envelope (seed %d)", SEED).isEmpty();
    }

    @Test
    void theSameSeedGeneratesTheSameRequests() {
        Targets targets = HostileRequests.placeholders();
        List<String> first = HostileRequests.generate(SEED, routes).stream().map(c -> describe(c, targets)).toList();
        List<String> second = HostileRequests.generate(SEED, routes).stream().map(c -> describe(c, targets)).toList();

        assertThat(second).isEqualTo(first);
        assertThat(HostileRequests.generate(SEED + 1, routes).stream().map(c -> describe(c, targets)).toList())
                .isNotEqualTo(first);
    }

    private static String describe(Case c, Targets targets) {
        return c.number() + " " + c.method() + " " + c.path() + " " + c.kind() + " " + c.caller() + " "
                + c.headers().apply(targets) + " " + c.note() + " " + (c.kind() == HostileRequests.Kind.LONG_STRING
                ? "" : c.body().apply(targets).describe());
    }

    // ---- callers

    /**
     * The users the cases act as and on. A successful request may have ended the caller's session (logout,
     * a rotated token) or disabled it; {@link #replaceUnusable} then opens a new session for it directly
     * through a {@link SessionService} on the same database (no bcrypt, so the run stays short), or signs
     * a new caller up when even that does not work.
     */
    static final class Users implements AutoCloseable {
        private final SessionService sessions = new SessionService(DatabaseResolver.fixed(auth.database), auth.clock,
                AuthFixture.settings().build());
        private final TenantContext tenant = TenantContext.of(AuthFixture.config(APP_A, false, ""));
        private Account web = signup(WEB);
        private Account cookie = signup(COOKIE);
        private final String bystanderName = AuthFixture.uniqueName("bystander");
        private final Login bystanderSignup = auth.signup(bystanderName);
        private final Login bystander = auth.login(bystanderName);
        private final Login foreign = auth.signup(APP_B, """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}"""
                .formatted(AuthFixture.uniqueName("foreign"), AuthFixture.PASSWORD));

        /** A caller's user, identity and current session. */
        record Account(String client, String userId, String principalId, String sessionId, String token) {
        }

        Targets targets() {
            return new Targets(web.token(), web.sessionId(), cookie.token(), bystanderSignup.userId(), bystanderName,
                    bystander.sessionId(), bystander.refreshToken().orElseThrow(), foreign.accessToken());
        }

        /** Replaces the callers whose token came with {@code sent} and no longer works. */
        void replaceUnusable(List<Header> sent) {
            web = usable(web, sent);
            cookie = usable(cookie, sent);
        }

        private Account usable(Account caller, List<Header> sent) {
            if (sent.stream().noneMatch(h -> h.value().contains(caller.token())) || works(caller)) {
                return caller;
            }
            IssuedSession issued = sessions.create(tenant, auth.sql(), new SessionCreation(caller.userId(),
                    caller.principalId(), "password", auth.clock.instant(), caller.client(),
                    AccessEvent.capture(auth.clock.instant(), "127.0.0.1", name -> null)));
            Account renewed = new Account(caller.client(), caller.userId(), caller.principalId(), issued.session().id(),
                    issued.accessToken());
            return works(renewed) ? renewed : signup(caller.client());
        }

        private static boolean works(Account caller) {
            String[] token = caller.client().equals(COOKIE)
                    ? new String[] {"Cookie", "session=" + caller.token()} : AuthFixture.bearer(caller.token());
            return auth.post("/_auth/me", "{}", AuthFixture.headers(AuthFixture.key(APP_A, caller.client()), token))
                    .status() == 200;
        }

        private static Account signup(String client) {
            AuthFixture.Reply reply = auth.post("/_auth/signup", """
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}"""
                    .formatted(AuthFixture.uniqueName("caller"), AuthFixture.PASSWORD), AuthFixture.key(APP_A, client));
            assertThat(reply.status()).isEqualTo(200);
            String token = client.equals(COOKIE)
                    ? reply.cookies().stream().filter(c -> c.startsWith("session=")).findFirst().orElseThrow()
                            .substring("session=".length()).split(";", 2)[0]
                    : reply.result().get("access_token").asString();
            return new Account(client, reply.result().get("user").get("id").asString(),
                    reply.result().get("identity").get("id").asString(), reply.result().get("session_id").asString(),
                    token);
        }

        @Override
        public void close() {
            sessions.close();
        }
    }

    private static List<Header> headers(Case c, Targets t) {
        List<Header> headers = new ArrayList<>(switch (c.caller()) {
            case NO_KEY -> List.of(new Header(APP_HEADER, APP_A));
            case API_KEY -> key(WEB);
            case COOKIE_CLIENT_KEY -> key(COOKIE);
            case MASTER_KEY -> master();
            case USER -> with(key(WEB), new Header("Authorization", "Bearer " + t.userToken()));
            case USER_WITHOUT_KEY -> List.of(new Header(APP_HEADER, APP_A),
                    new Header("Authorization", "Bearer " + t.userToken()));
            case USER_COOKIE -> with(key(COOKIE), new Header("Cookie", "session=" + t.cookieToken()));
            case MASTER_AND_USER -> with(master(), new Header("Authorization", "Bearer " + t.userToken()));
        });
        List<Header> attacks = c.headers().apply(t);
        attacks.forEach(attack -> headers.removeIf(h -> h.name().equalsIgnoreCase(attack.name())));
        headers.addAll(attacks);
        return headers;
    }

    private static List<Header> key(String client) {
        return List.of(new Header(APP_HEADER, APP_A), new Header("X-Skygear-API-Key", AuthFixture.apiKey(APP_A, client)));
    }

    private static List<Header> master() {
        return List.of(new Header(APP_HEADER, APP_A), new Header("X-Skygear-API-Key", AuthFixture.masterKey(APP_A)));
    }

    private static List<Header> with(List<Header> headers, Header more) {
        List<Header> all = new ArrayList<>(headers);
        all.add(more);
        return all;
    }

    // ---- sending

    /**
     * Replaces callers the previous case may have logged out. The check itself is plain HTTP on a pooled
     * connection; once, in many runs, it met a connection closed under it (EOF before any byte): that
     * is printed with the case before, and the check is tried once more on a new connection.
     */
    private static void checkCallers(List<Header> changedBy, Supplier<String> previous) {
        try {
            users.replaceUnusable(changedBy);
        } catch (UncheckedIOException e) {
            System.out.printf("HostileInputTest: connection lost (%s) checking the callers after %s%n", e.getMessage(),
                    previous.get());
            users.replaceUnusable(changedBy);
        }
    }

    /**
     * Sends; a request that got no response at all is sent again, five times at most. A server that
     * refuses a huge body early closes the connection with bytes unread, and the reset may reach the
     * client before the answer does; a pooled connection may also be closed under a request the client
     * is writing. Both are transport races, not answers (on a loaded machine they are lost often); a
     * handler that really drops the connection does so on every try and is still reported.
     */
    private static Outcome sendRetryingResets(Case c, List<Header> headers, Payload payload) {
        Outcome outcome = send(c, headers, payload);
        for (int retry = 0; retry < 5 && outcome.failure() != null; retry++) {
            resent++;
            outcome = send(c, headers, payload);
        }
        return outcome;
    }

    private static Outcome send(Case c, List<Header> headers, Payload payload) {
        HttpRequest.Builder request = HttpRequest.newBuilder(auth.server.uri("/_auth/" + c.path()))
                .timeout(Duration.ofSeconds(30))
                .method(c.method(), publisher(payload));
        if (payload.contentType() != null) {
            request.header("Content-Type", payload.contentType());
        }
        if (payload instanceof Streamed s && s.expectContinue()) {
            request.expectContinue(true);
        }
        headers.forEach(h -> request.header(h.name(), h.value()));
        try {
            HttpResponse<String> response = auth.server.client().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Outcome(response.statusCode(), response.body(), response.headers().firstValue("Content-Type"),
                    response.headers().map(), null);
        } catch (IOException e) {
            return new Outcome(-1, "", Optional.empty(), Map.of(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static BodyPublisher publisher(Payload payload) {
        return switch (payload) {
            case Bytes b -> BodyPublishers.ofByteArray(b.bytes());
            case NoBody n -> BodyPublishers.noBody();
            case Streamed s -> s.chunked()
                    ? BodyPublishers.ofInputStream(() -> new FillStream(s))
                    : BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> new FillStream(s)), s.length());
        };
    }

    /** {@code head} then {@code fill} bytes up to {@code length}, without holding them in memory. */
    static final class FillStream extends InputStream {
        private final Streamed body;
        private long position;

        FillStream(Streamed body) {
            this.body = body;
        }

        @Override
        public int read() {
            if (position >= body.length()) {
                return -1;
            }
            long tailStart = body.length() - body.tail().length;
            int b = position < body.head().length ? body.head()[(int) position]
                    : position >= tailStart ? body.tail()[(int) (position - tailStart)] : body.fill();
            position++;
            return b & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= body.length()) {
                return -1;
            }
            int n = (int) Math.min(length, body.length() - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) read();
            }
            return n;
        }
    }

    // ---- checking

    /**
     * An upload declared over the limit without {@code Expect: 100-continue}: refused at once by its
     * Content-Length, then the connection is closed on the unread rest, and the client may see the
     * reset instead of the 400 (even after {@link #sendRetryingResets}). The same upload with
     * {@code Expect: 100-continue} is a case of its own and must get the 400.
     */
    private static boolean refusedUnread(Payload payload) {
        return payload instanceof Streamed s && !s.chunked() && !s.expectContinue()
                && s.length() > JsonBodyReader.DEFAULT_MAX_BYTES;
    }

    /** Headers Jetty may refuse by itself (too large, or bytes it does not take as ASCII). */
    private static boolean containerMayAnswer(List<Header> headers, Payload payload) {
        List<Header> all = new ArrayList<>(headers);
        if (payload.contentType() != null) {
            all.add(new Header("Content-Type", payload.contentType()));
        }
        int size = all.stream().mapToInt(h -> h.name().length() + h.value().length() + 4).sum();
        return size > CONTAINER_HEADER_LIMIT || all.stream().anyMatch(h -> h.value().chars().anyMatch(ch -> ch > 0x7e));
    }

    /**
     * Why the outcome is not acceptable, if it is not. A success of a POST endpoint is
     * {@code {"result": …}}; GET endpoints serve documents of their own (e.g. a bare array); pages
     * ({@code page}) may also answer HTML or plain text, or redirect.
     */
    static Optional<String> problem(Outcome outcome, String method, boolean containerMayAnswer, boolean page) {
        if (outcome.failure() != null) {
            return Optional.of("no response: " + outcome.failure());
        }
        int status = outcome.status();
        if (status >= 500) {
            return Optional.of("server error " + status);
        }
        boolean text = outcome.contentType().map(t -> t.toLowerCase(Locale.ROOT))
                .filter(t -> t.startsWith("text/html") || t.startsWith("text/plain")).isPresent();
        if (page && (status >= 300 && status < 400 || text)) {
            return Optional.empty();
        }
        boolean json = outcome.contentType().map(t -> t.toLowerCase(Locale.ROOT).startsWith("application/json"))
                .orElse(false);
        if (!json) {
            return containerMayAnswer && status >= 400 && status < 500 ? Optional.empty()
                    : Optional.of("not application/json: " + outcome.contentType().orElse("(none)"));
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(outcome.body());
        } catch (JacksonException e) {
            return Optional.of("body is not JSON");
        }
        if (status >= 200 && status < 300) {
            boolean envelope = body.isObject() && body.has("result") && !body.has("error");
            return envelope || method.equals("GET") && !body.has("error") ? Optional.empty()
                    : Optional.of("success without {\"result\": …}");
        }
        JsonNode error = body.path("error");
        boolean wellFormed = body.isObject() && !body.has("result") && error.isObject()
                && nonEmptyText(error.get("name")) && nonEmptyText(error.get("reason"))
                && nonEmptyText(error.get("message")) && error.path("code").isInt()
                && error.path("code").asInt() == status;
        return wellFormed ? Optional.empty() : Optional.of("malformed error envelope");
    }

    /**
     * Whether {@code path} is a browser-facing endpoint (it serves GET: HTML forms, SSO redirects and
     * callbacks), whose documented answers include pages, plain-text refusals and redirects.
     */
    private static boolean isPage(String path) {
        return routes.get(path).contains("GET") && !path.endsWith(".json");
    }

    private static boolean nonEmptyText(JsonNode node) {
        return node != null && node.isString() && !node.asString().isEmpty();
    }

    private static String reproduction(Case c, List<Header> headers, Payload payload, Outcome outcome, String problem) {
        StringBuilder out = new StringBuilder();
        out.append("#").append(c.number()).append(' ').append(problem).append(": ").append(c.method())
                .append(" /_auth/").append(c.path()).append(" [").append(c.kind()).append(", ").append(c.caller());
        if (!c.note().isEmpty()) {
            out.append(", ").append(c.note());
        }
        out.append("]\n    Content-Type: ").append(payload.contentType() == null ? null
                : HostileRequests.preview(payload.contentType()));
        headers.forEach(h -> out.append("\n    ").append(h.name()).append(": ")
                .append(HostileRequests.preview(h.value())));
        out.append("\n    body: ").append(payload.describe());
        out.append("\n    → ").append(outcome.status()).append(' ').append(HostileRequests.preview(outcome.body()));
        return out.toString();
    }

    /** Statuses per endpoint ("io": no response), the time each endpoint took in all, the slowest requests. */
    static final class Tally {
        final Map<String, Map<String, Integer>> statuses = new TreeMap<>();
        private final Map<String, Long> millis = new TreeMap<>();
        private final List<Map.Entry<Long, String>> slowest = new ArrayList<>();

        void add(Case c, Outcome outcome, long nanos) {
            statuses.computeIfAbsent(c.path(), p -> new TreeMap<>())
                    .merge(outcome.failure() == null ? String.valueOf(outcome.status()) : "io", 1, Integer::sum);
            millis.merge(c.path(), nanos / 1_000_000, Long::sum);
            slowest.add(Map.entry(nanos, "#" + c.number() + " " + c.path() + " " + c.kind() + " " + c.caller() + " "
                    + c.note() + " → " + outcome.status()));
        }

        void print() {
            Set<String> columns = new TreeSet<>();
            statuses.values().forEach(m -> columns.addAll(m.keySet()));
            StringBuilder table = new StringBuilder(String.format("%-24s %7s %6s", "endpoint", "ms", "total"));
            columns.forEach(col -> table.append(String.format(" %5s", col)));
            Map<String, Integer> totals = new LinkedHashMap<>();
            statuses.forEach((path, counts) -> {
                int total = counts.values().stream().mapToInt(Integer::intValue).sum();
                table.append(String.format("%n%-24s %7d %6d", path, millis.get(path), total));
                columns.forEach(col -> table.append(String.format(" %5s", counts.getOrDefault(col, 0))));
                counts.forEach((col, n) -> totals.merge(col, n, Integer::sum));
            });
            table.append(String.format("%n%-24s %7d %6d", "all", millis.values().stream().mapToLong(Long::longValue).sum(),
                    totals.values().stream().mapToInt(Integer::intValue).sum()));
            columns.forEach(col -> table.append(String.format(" %5s", totals.getOrDefault(col, 0))));
            System.out.println("HostileInputTest: statuses per endpoint (seed " + SEED + ")\n" + table);
            System.out.printf("HostileInputTest: %d requests resent after a reset without response "
                    + "(\"io\": still none after five more tries)%n", resent);
            slowest.sort(Map.Entry.<Long, String>comparingByKey().reversed());
            slowest.stream().limit(5).forEach(e -> System.out.printf("HostileInputTest: slow: %d ms %s%n",
                    e.getKey() / 1_000_000, e.getValue()));
        }
    }
}
