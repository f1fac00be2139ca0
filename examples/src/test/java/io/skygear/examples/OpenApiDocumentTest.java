package io.skygear.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.skygear.auth.AuthGear;
import io.skygear.auth.internal.http.AuthServlet;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.Json;
import io.skygear.core.migrate.MigrationServlet;
import io.skygear.gateway.GatewayAdmin;
import io.skygear.gateway.GatewayAdminServlet;
import io.skygear.testing.TestServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docs/openapi.yaml against the code: the documented paths and methods are exactly what the servlets
 * route (auth: {@link AuthServlet#routes()}; assets: its route table; admin: probed), and every body
 * bound to a record is documented with the record's property names and required fields.
 */
class OpenApiDocumentTest {

    static final Path DOCUMENT = Path.of("..", "docs", "openapi.yaml");
    static final String API_KEY = "demo-api-key";
    static final String MASTER_KEY = "demo-master-key";
    static final String ADMIN_KEY = "openapi-test-admin-key";
    static final String PROBE = "{\"zz_probe\":true}";
    static final String PLAIN_NOT_FOUND = "404 page not found\n";
    static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @TempDir
    static Path dataDir;

    static JsonNode document;
    static HostApp app;
    static AuthGear gear;
    static TestServer operations;
    static String accessToken;
    static final HttpClient http = HttpClient.newHttpClient();

    /** One documented operation. */
    record Operation(String method, String path, JsonNode node) {

        String name() {
            return method + " " + path;
        }

        /** The path with sample values for its parameters. */
        String samplePath() {
            return path.replace("{provider}", "google").replace("{name}", "probe.txt");
        }

        Optional<String> bodyRecord() {
            return Optional.ofNullable(node.get("x-skygear-body-record")).map(JsonNode::asString);
        }

        boolean masterKeyOnly() {
            JsonNode security = node.get("security");
            return security.size() == 1 && security.get(0).has("masterKey");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        document = new YAMLMapper().readTree(DOCUMENT.toFile());
        app = HostApp.start(new HostAppOptions(Optional.empty(), 0, dataDir));
        gear = AuthGear.builder().databases(DatabaseResolver.fixed(app.database())).build();
        operations = new TestServer()
                .servlet(new GatewayAdminServlet(GatewayAdmin.of(app.database()), ADMIN_KEY), "/_admin/*")
                .servlet(MigrationServlet.builder().database(app.database()).build(), "/migrate")
                .start();
        HttpResponse<String> signup = send("POST", app.uri("/_auth/signup"), """
                {"login_ids":[{"key":"email","value":"openapi-%s@example.com"}],"password":"demo-password"}"""
                .formatted(UUID.randomUUID()), "X-Skygear-API-Key", API_KEY);
        assertThat(signup.statusCode()).as(signup.body()).isEqualTo(200);
        accessToken = Json.mapper().readTree(signup.body()).at("/result/access_token").asString();
    }

    @AfterAll
    static void stop() {
        if (operations != null) {
            operations.close();
        }
        if (gear != null) {
            gear.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void documentIsOpenApi31WithTheSharedEnvelopeAndSecuritySchemes() {
        assertThat(document.get("openapi").asString()).isEqualTo("3.1.0");
        JsonNode components = document.get("components");
        assertThat(components.get("securitySchemes").propertyNames())
                .contains("apiKey", "masterKey", "bearerToken", "sessionCookie", "adminKey");
        assertThat(strings(components.at("/schemas/ErrorEnvelope/properties/error/required")))
                .containsExactlyInAnyOrder("name", "reason", "message", "code");
        assertThat(components.at("/schemas/ErrorEnvelope/properties/error/properties").propertyNames())
                .containsExactlyInAnyOrder("name", "reason", "message", "code", "info");
        for (Operation operation : operations("/")) {
            assertThat(operation.node().has("security")).as(operation.name() + " declares its security").isTrue();
            assertThat(operation.node().get("responses").isEmpty()).as(operation.name() + " has responses").isFalse();
        }
    }

    @Test
    void authPathsAndMethodsEqualTheAuthServletRoutes() {
        SortedMap<String, Set<String>> routed = ((AuthServlet) gear.servlet()).routes();
        SortedMap<String, Set<String>> documented = new TreeMap<>();
        for (Operation operation : operations("/_auth/")) {
            String path = operation.path().substring("/_auth/".length()).replace("{provider}", AuthServlet.PROVIDER_SEGMENT);
            documented.computeIfAbsent(path, p -> new TreeSet<>()).add(operation.method());
        }
        assertThat(difference(routed.keySet(), documented.keySet()))
                .as("auth paths routed but not documented").isEmpty();
        assertThat(difference(documented.keySet(), routed.keySet()))
                .as("auth paths documented but not routed").isEmpty();
        routed.forEach((path, methods) -> assertThat(documented.get(path))
                .as("methods of /_auth/" + path).containsExactlyInAnyOrderElementsOf(methods));
    }

    @Test
    void everyDocumentedAuthOperationIsRoutedAndNeighboursAreNot() throws Exception {
        for (Operation operation : operations("/_auth/")) {
            URI uri = app.uri(operation.samplePath());
            HttpResponse<String> response = send(operation.method(), uri, "{}", "X-Skygear-API-Key", API_KEY);
            assertThat(response.statusCode()).as(operation.name() + " is served").isNotEqualTo(405);
            assertThat(response.body()).as(operation.name() + " is routed").isNotEqualTo(PLAIN_NOT_FOUND);

            assertThat(send("PUT", uri, "{}").statusCode()).as("PUT " + operation.path() + " is not served").isEqualTo(405);
            HttpResponse<String> neighbour = send(operation.method(), app.uri(operation.samplePath() + "_x"), "{}");
            assertThat(neighbour.statusCode()).as(operation.path() + "_x is not routed").isEqualTo(404);
            assertThat(neighbour.body()).as(operation.path() + "_x is not routed").isEqualTo(PLAIN_NOT_FOUND);
        }
    }

    @Test
    void assetPathsEqualTheAssetServletRouteTable() throws Exception {
        Class<?> routes = Class.forName("io.skygear.assets.internal.http.Routes");
        Set<String> routed = new TreeSet<>();
        for (Field field : routes.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                field.setAccessible(true);
                String route = (String) field.get(null);
                routed.add("/_asset" + (route.endsWith("/") ? route + "{name}" : route));
            }
        }
        Set<String> documented = new TreeSet<>(operations("/_asset/").stream().map(Operation::path).toList());
        assertThat(difference(routed, documented)).as("asset paths routed but not documented").isEmpty();
        assertThat(difference(documented, routed)).as("asset paths documented but not routed").isEmpty();
    }

    @Test
    void everyDocumentedAssetOperationIsRoutedAndOtherMethodsAndNeighboursAreNot() throws Exception {
        String name = uploadProbeAsset();
        // DELETE last: the probes before it read the asset
        List<Operation> assets = operations("/_asset/").stream()
                .sorted(Comparator.comparing(o -> o.method().equals("DELETE"))).toList();
        for (Operation operation : assets) {
            URI uri = app.uri(operation.path().replace("{name}", name));
            HttpResponse<String> response = send(operation.method(), uri, "{}", "X-Skygear-API-Key", MASTER_KEY);
            if (operation.method().equals("HEAD")) {
                assertThat(response.statusCode()).as(operation.name() + " is served").isEqualTo(200);
            } else {
                assertThat(response.body()).as(operation.name() + " is routed")
                        .doesNotContain("\"MethodNotAllowed\"", "route not found");
            }
            HttpResponse<String> patch = send("PATCH", uri, "{}", "X-Skygear-API-Key", MASTER_KEY);
            assertThat(patch.body()).as("PATCH " + operation.path() + " is not served").contains("\"MethodNotAllowed\"");
            HttpResponse<String> neighbour = send(operation.method(), app.uri(operation.path().replace("{name}", name + "/x") + "_x"),
                    "{}", "X-Skygear-API-Key", MASTER_KEY);
            assertThat(neighbour.statusCode()).as(operation.path() + "_x is not routed").isEqualTo(404);
            if (!operation.method().equals("HEAD")) {
                assertThat(neighbour.body()).as(operation.path() + "_x is not routed").contains("route not found");
            }
        }
    }

    @Test
    void everyDocumentedAdminOperationIsServedAndNeighboursAreUnknown() {
        List<Operation> admin = operations("/_admin/");
        assertThat(admin).isNotEmpty();
        for (Operation operation : admin) {
            assertThat(operation.method()).as(operation.name()).isEqualTo("POST");
            HttpResponse<String> response = operations.postJson(operation.path(), PROBE, "X-Skygear-API-Key", ADMIN_KEY);
            assertThat(response.body()).as(operation.name() + " is served").doesNotContain("UnknownEndpoint");
            HttpResponse<String> neighbour = operations.postJson(operation.path() + "_x", PROBE, "X-Skygear-API-Key", ADMIN_KEY);
            assertThat(neighbour.body()).as(operation.path() + "_x is unknown").contains("UnknownEndpoint");
        }
    }

    @Test
    void healthAndMigrateAreDocumentedAsServed() {
        assertThat(operations("/").stream().map(Operation::name)).contains("GET /_healthz", "POST /migrate");
        assertThat(operations.postJson("/migrate", "{}").body()).contains("master key required");
        HttpResponse<String> health = send("GET", app.uri("/_healthz"), "");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("OK");
    }

    @Test
    void documentedBodiesEqualTheRecordsTheirHandlersBind() throws Exception {
        List<String> mismatches = new ArrayList<>();
        List<Operation> bound = operations("/").stream().filter(o -> o.bodyRecord().isPresent()).toList();
        assertThat(bound).hasSizeGreaterThan(40);
        for (Operation operation : bound) {
            Class<?> record = Class.forName(operation.bodyRecord().orElseThrow());
            assertThat(record.isRecord()).as(operation.name() + ": " + record.getName() + " is a record").isTrue();
            compare(operation.name(), record, resolve(operation.node().at("/requestBody/content/application~1json/schema")),
                    mismatches);
        }
        assertThat(mismatches).as("documented bodies that differ from their records").isEmpty();
    }

    /** The handlers themselves report the required fields: a body with one unknown property only. */
    @Test
    void boundBodiesRefuseUnknownPropertiesAndRequireTheDocumentedFields() {
        for (Operation operation : operations("/").stream().filter(o -> o.bodyRecord().isPresent()).toList()) {
            HttpResponse<String> response = probe(operation);
            assertThat(response.statusCode()).as(operation.name() + ": " + response.body()).isEqualTo(400);
            JsonNode causes = Json.mapper().readTree(response.body()).at("/error/info/causes");
            Set<String> required = new TreeSet<>();
            Set<String> extra = new TreeSet<>();
            for (JsonNode cause : causes) {
                String property = cause.get("pointer").asString().substring(1);
                switch (cause.get("kind").asString()) {
                    case "Required" -> required.add(property);
                    case "ExtraEntry" -> extra.add(property);
                    default -> { }
                }
            }
            JsonNode schema = resolve(operation.node().at("/requestBody/content/application~1json/schema"));
            assertThat(extra).as(operation.name() + " refuses unknown properties").containsExactly("zz_probe");
            assertThat(required).as(operation.name() + " requires the documented fields")
                    .containsExactlyInAnyOrderElementsOf(strings(schema.get("required")));
        }
    }

    private static HttpResponse<String> probe(Operation operation) {
        if (operation.path().startsWith("/_admin/")) {
            return operations.postJson(operation.path(), PROBE, "X-Skygear-API-Key", ADMIN_KEY);
        }
        URI uri = app.uri(operation.samplePath());
        return operation.masterKeyOnly()
                ? send(operation.method(), uri, PROBE, "X-Skygear-API-Key", MASTER_KEY)
                : send(operation.method(), uri, PROBE, "X-Skygear-API-Key", API_KEY, "Authorization", "Bearer " + accessToken);
    }

    /** Property names and required fields of {@code record}, mapped as {@code JsonBodyReader} binds them. */
    private static void compare(String where, Class<?> record, JsonNode schema, List<String> mismatches) {
        Set<String> names = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        JsonNode properties = schema.path("properties");
        for (RecordComponent component : record.getRecordComponents()) {
            JsonProperty annotation = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = annotation != null && !annotation.value().isEmpty() ? annotation.value()
                    : PropertyNamingStrategies.SNAKE_CASE.nameForField(null, null, component.getName());
            names.add(name);
            boolean optional = component.getType() == Optional.class;
            Type type = optional ? ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0]
                    : component.getGenericType();
            if (!optional) {
                required.add(name);
            }
            if (properties.has(name)) {
                nested(type).ifPresent(inner -> compare(where + " " + name, inner, resolve(items(resolve(properties.get(name)), type)),
                        mismatches));
            }
        }
        Set<String> documented = new TreeSet<>(schema.path("properties").propertyNames());
        report(where, "properties of " + record.getSimpleName(), names, documented, mismatches);
        report(where, "required fields of " + record.getSimpleName(), required, strings(schema.get("required")), mismatches);
        if (!schema.path("additionalProperties").isBoolean() || schema.get("additionalProperties").asBoolean()) {
            mismatches.add(where + ": the schema must say additionalProperties: false (the reader refuses extra entries)");
        }
    }

    private static void report(String where, String what, Set<String> code, Set<String> documented, List<String> mismatches) {
        Set<String> missing = difference(code, documented);
        Set<String> extra = difference(documented, code);
        if (!missing.isEmpty()) {
            mismatches.add(where + ": " + what + " not documented: " + missing);
        }
        if (!extra.isEmpty()) {
            mismatches.add(where + ": documented but not in " + what + ": " + extra);
        }
    }

    /** The record inside a record or {@code List<record>} component type. */
    private static Optional<Class<?>> nested(Type type) {
        if (type instanceof Class<?> c && c.isRecord()) {
            return Optional.of(c);
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()) {
            return Optional.of(c);
        }
        return Optional.empty();
    }

    private static JsonNode items(JsonNode schema, Type type) {
        return type instanceof ParameterizedType ? schema.path("items") : schema;
    }

    private static JsonNode resolve(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        return ref == null ? schema : resolve(document.at(ref.asString().substring(1)));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asString()));
        }
        return values;
    }

    private static List<Operation> operations(String prefix) {
        List<Operation> operations = new ArrayList<>();
        for (String path : document.get("paths").propertyNames()) {
            if (!path.startsWith(prefix)) {
                continue;
            }
            JsonNode item = document.get("paths").get(path);
            for (String method : item.propertyNames()) {
                if (HTTP_METHODS.contains(method)) {
                    operations.add(new Operation(method.toUpperCase(Locale.ROOT), path, item.get(method)));
                }
            }
        }
        return operations;
    }

    private static <T> Set<T> difference(Set<T> a, Set<T> b) {
        Set<T> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }

    /** Uploads a small public asset through presign_upload and the signed PUT; returns its name. */
    private static String uploadProbeAsset() {
        HttpResponse<String> presigned = send("POST", app.uri("/_asset/presign_upload"),
                "{\"prefix\":\"openapi-\",\"headers\":{\"content-type\":\"text/plain\",\"content-length\":\"5\"}}",
                "X-Skygear-API-Key", MASTER_KEY);
        assertThat(presigned.statusCode()).as(presigned.body()).isEqualTo(200);
        JsonNode result = Json.mapper().readTree(presigned.body()).get("result");
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(result.get("url").asString()))
                .method(result.get("method").asString(), HttpRequest.BodyPublishers.ofString("hello"));
        for (JsonNode header : result.get("headers")) {
            if (!header.get("name").asString().equalsIgnoreCase("content-length")) {
                put.header(header.get("name").asString(), header.get("value").asString());
            }
        }
        HttpResponse<String> uploaded = send(put.build());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        return result.get("asset_name").asString();
    }

    private static HttpResponse<String> send(String method, URI uri, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") || method.equals("HEAD") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
