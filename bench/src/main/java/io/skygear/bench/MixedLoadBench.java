package io.skygear.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code load-mixed}: the example app (a child JVM on the embedded default) under mixed traffic at
 * increasing concurrency. Closed loop: each virtual user sends its next request when the previous one
 * is answered, picking the operation at random by the mix weights. Per step a warm-up, then a measured
 * interval (a call counts if it started in it); per operation the successful calls per second,
 * p50/p95/p99/max latency, errors by kind, and the latency ratios against the bare {@code /api/hello}
 * (the baseline) measured in the same step.
 *
 * <p>Usage: {@code [--steps 1,4,16,64] [--warmup 5] [--duration 15] [--mix login=1,token=6,asset=2,baseline=1]
 * [--users 200]}
 */
public final class MixedLoadBench {

    /** The operations of the mix. */
    enum Op {
        LOGIN("login", "POST /_auth/login (bcrypt)"),
        TOKEN("token", "POST /_auth/me (token check)"),
        ASSET("asset", "GET /_asset/get/<jpeg>?pipeline=image/resize,w_200"),
        BASELINE("baseline", "GET /api/hello (host endpoint behind the filters)");

        final String key;
        final String what;

        Op(String key, String what) {
            this.key = key;
            this.what = what;
        }
    }

    private static final String PASSWORD = "load-Passw0rd!";
    private static final String PIPELINE = "image/resize,w_200";
    /** Image sizes of the pre-uploaded assets: the pipeline decodes, resizes and encodes each. */
    private static final int[][] IMAGE_SIZES = {{640, 480}, {1280, 960}, {2048, 1536}};

    private record User(String username, String token) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> steps = List.of(1, 4, 16, 64);
        int warmup = 5;
        int duration = 15;
        int users = 200;
        Map<Op, Integer> mix = parseMix("login=1,token=6,asset=2,baseline=1");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--steps" -> steps = List.of(value.split(",")).stream().map(s -> positive("--steps", s)).toList();
                case "--warmup" -> warmup = positive("--warmup", value);
                case "--duration" -> duration = positive("--duration", value);
                case "--users" -> users = positive("--users", value);
                case "--mix" -> mix = parseMix(value);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]
                        + " (usage: [--steps 1,4,16,64] [--warmup 5] [--duration 15] [--mix login=1,token=6,asset=2,baseline=1] [--users 200])");
            }
            i++;
        }

        try (TempDir dir = TempDir.create("skygear-load-mixed")) {
            try (ExampleApp app = new ExampleApp(ExampleApp.writeConfig(dir.path(), "embedded", null),
                    ExampleApp.freePort(), dir.resolve("app"))) {
                System.out.printf("load-mixed: example app (child JVM, -Xmx512m, embedded PostgreSQL) in %s%n", dir.path());
                app.start(Duration.ofMinutes(3));
                run(app, steps, warmup, duration, users, mix);
            }
        }
    }

    private static void run(ExampleApp app, List<Integer> steps, int warmup, int duration, int users, Map<Op, Integer> mix)
            throws Exception {
        try (ExampleClient client = new ExampleClient(app.base(), ExampleApp.API_KEY, Duration.ofSeconds(30))) {
            List<User> pool = signUp(client, users);
            List<String> assets = new ArrayList<>();
            for (int n = 0; n < IMAGE_SIZES.length; n++) {
                byte[] jpeg = Jpegs.of(IMAGE_SIZES[n][0], IMAGE_SIZES[n][1], n);
                assets.add(client.uploadJpeg(pool.getFirst().token(), jpeg));
                System.out.printf("  asset %dx%d JPEG, %d KiB%n", IMAGE_SIZES[n][0], IMAGE_SIZES[n][1], jpeg.length / 1024);
            }
            System.out.printf("  %d users signed up; mix %s; steps %s; warm-up %d s, measured %d s per step; load average %s%n%n",
                    pool.size(), mix, steps, warmup, duration, AuthBenchApp.loadAverage());
            Traffic traffic = new Traffic(client, pool, assets, mix);
            List<String> table = new ArrayList<>();
            table.add("| VUs | operation | ok/s | p50 ms | p95 ms | p99 ms | max ms | p50 × base | p99 × base | errors |");
            table.add("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|");
            for (int vus : steps) {
                Map<Op, Latencies.Summary> step = traffic.run(vus, warmup, duration);
                Latencies.Summary base = step.get(Op.BASELINE);
                double total = step.values().stream().mapToDouble(Latencies.Summary::perSecond).sum();
                step.forEach((op, s) -> table.add(String.format(Locale.ROOT,
                        "| %d | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %s | %s |", vus, op.key, s.perSecond(),
                        s.p50(), s.p95(), s.p99(), s.max(), ratio(s.p50(), base.p50()), ratio(s.p99(), base.p99()), s.errorText())));
                System.out.printf(Locale.ROOT, "  %2d VUs: %.1f ok/s in all, load average %s%n", vus, total,
                        AuthBenchApp.loadAverage());
            }
            System.out.println();
            for (Map.Entry<Op, Integer> e : mix.entrySet()) {
                System.out.printf("  %-8s weight %d: %s%n", e.getKey().key, e.getValue(), e.getKey().what);
            }
            System.out.println();
            table.forEach(System.out::println);
        }
    }

    /** {@code value / baseline}, "-" when the baseline had no successful call. */
    private static String ratio(double value, double baseline) {
        return baseline == 0 ? "-" : String.format(Locale.ROOT, "%.1f", value / baseline);
    }

    /** Signs {@code count} users up, 8 at a time; their tokens serve the token checks. */
    private static List<User> signUp(ExampleClient client, int count) throws Exception {
        List<User> users = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<User>> futures = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                String username = "load-user-" + n;
                futures.add(pool.submit(() -> {
                    Call call = client.signup(username, PASSWORD, "10.255.0.1");
                    if (!call.ok()) {
                        throw new IllegalStateException("signup failed: " + call.errorKind() + " " + call.body());
                    }
                    return new User(username, call.result().get("access_token").asString());
                }));
            }
            for (var future : futures) {
                users.add(future.get());
            }
        }
        return users;
    }

    private static Map<Op, Integer> parseMix(String text) {
        Map<Op, Integer> mix = new EnumMap<>(Op.class);
        for (String part : text.split(",")) {
            String[] kv = part.split("=", 2);
            Op op = List.of(Op.values()).stream().filter(o -> o.key.equals(kv[0].trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--mix: unknown operation " + kv[0]
                            + " (login, token, asset, baseline)"));
            int weight = kv.length == 2 ? Integer.parseInt(kv[1].trim()) : -1;
            if (weight < 0) {
                throw new IllegalArgumentException("--mix: weight of " + op.key + " must be a number >= 0");
            }
            mix.put(op, weight);
        }
        if (!mix.containsKey(Op.BASELINE) || mix.get(Op.BASELINE) == 0) {
            throw new IllegalArgumentException("--mix needs baseline with a weight > 0: the ratios are against it");
        }
        return mix;
    }

    private static int positive(String flag, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a positive number, got '" + value + "'");
    }

    /** The virtual users of one step. */
    private record Traffic(ExampleClient client, List<User> users, List<String> assets, Map<Op, Integer> mix) {

        private static final AtomicLong LOGINS = new AtomicLong();

        Map<Op, Latencies.Summary> run(int vus, int warmup, int duration) throws InterruptedException {
            Map<Op, Latencies> measured = new EnumMap<>(Op.class);
            mix.keySet().forEach(op -> measured.put(op, new Latencies()));
            long start = System.nanoTime();
            long from = start + Duration.ofSeconds(warmup).toNanos();
            long until = from + Duration.ofSeconds(duration).toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int v = 0; v < vus; v++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    while (System.nanoTime() < until) {
                        Op op = pick();
                        Call call = call(op);
                        // a call counts in the step it started in, however long it takes
                        if (call.startNanos() >= from) {
                            measured.get(op).record(call);
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            Map<Op, Latencies.Summary> summaries = new LinkedHashMap<>();
            measured.forEach((op, l) -> summaries.put(op, l.summary(duration)));
            return summaries;
        }

        private Op pick() {
            int total = mix.values().stream().mapToInt(Integer::intValue).sum();
            int r = ThreadLocalRandom.current().nextInt(total);
            for (Map.Entry<Op, Integer> e : mix.entrySet()) {
                r -= e.getValue();
                if (r < 0) {
                    return e.getKey();
                }
            }
            throw new AssertionError();
        }

        private Call call(Op op) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return switch (op) {
                case LOGIN -> {
                    // round robin over the users keeps each under the per-login-ID limit; a fresh client IP per
                    // login keeps the per-IP limit out of the measurement (a real app has many clients)
                    long n = LOGINS.getAndIncrement();
                    User user = users.get((int) (n % users.size()));
                    yield client.login(user.username(), PASSWORD, "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255));
                }
                case TOKEN -> client.me(users.get(random.nextInt(users.size())).token());
                case ASSET -> client.get("/_asset/get/" + assets.get(random.nextInt(assets.size())) + "?pipeline=" + PIPELINE);
                case BASELINE -> client.get("/api/hello");
            };
        }
    }
}
