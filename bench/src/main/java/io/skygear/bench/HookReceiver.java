package io.skygear.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.skygear.auth.hook.HookSignature;
import io.skygear.core.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * The receiving end of the app's {@code after_user_create} hook (JDK HttpServer on loopback): checks the
 * body signature, answers 200 and records the event by user id. Deliveries of an event id already seen
 * are counted as duplicates (delivery is at least once).
 */
final class HookReceiver implements AutoCloseable {

    private final String secret;
    private final HttpServer server;
    private final Map<String, String> eventByUser = new ConcurrentHashMap<>();
    private final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();

    private HookReceiver(String secret, HttpServer server) {
        this.secret = secret;
        this.server = server;
    }

    static HookReceiver start(String secret) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HookReceiver receiver = new HookReceiver(secret, server);
        server.createContext("/hook", receiver::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Whether an {@code after_user_create} event arrived for {@code userId}. */
    boolean received(String userId) {
        return eventByUser.containsKey(userId);
    }

    int users() {
        return eventByUser.size();
    }

    long duplicates() {
        return duplicates.get();
    }

    long badSignatures() {
        return badSignatures.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (!HookSignature.verify(secret, body, exchange.getRequestHeaders().getFirst(HookSignature.HEADER))) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            JsonNode event = Json.mapper().readTree(body);
            String id = event.get("id").asString();
            if (!eventIds.add(id)) {
                duplicates.incrementAndGet();
            } else if ("after_user_create".equals(event.get("type").asString())) {
                eventByUser.put(event.get("payload").get("user").get("id").asString(), id);
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
