package io.skygear.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.assets.storage.FileSystemStorage;
import io.skygear.assets.storage.S3Storage;
import io.skygear.auth.AuthSettings;
import io.skygear.core.config.TenantConfigLoader;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.db.TenantDatabases;
import io.skygear.core.http.AccessKeyFilter;
import io.skygear.core.http.CorsFilter;
import io.skygear.core.http.HealthServlet;
import io.skygear.core.http.RequestIdFilter;
import io.skygear.core.tenant.StandaloneTenantResolver;
import io.skygear.core.tenant.TenantFilter;
import io.skygear.gateway.GatewayFilter;
import io.skygear.gateway.Gear;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/java-configuration.md against the code: every public builder of the library (found on the
 * class path, so a new one fails this test until it is documented) has each of its public methods,
 * with its parameter types, in the table under its heading ({@code ### `Database.builder()`}); every
 * method row there still exists; and the constructors and factories a host calls to wire the filters
 * and storages are listed.
 */
class JavaConfigurationReferenceTest {

    static final Path DOCUMENT = Path.of("..", "docs", "java-configuration.md");
    static final List<String> LIBRARY_PACKAGES = List.of("io/skygear/core", "io/skygear/auth", "io/skygear/assets",
            "io/skygear/gateway");
    /** A method or constructor in a table's first column, optionally qualified: {@code `MailSender.Builder.timeout(Duration)`}. */
    static final Pattern ROW_SIGNATURE = Pattern.compile("`(?:new )?((?:[A-Z]\\w*\\.)*)(\\w+)\\(([^)`]*)\\)`");
    /** Host-wiring types without a builder: their public constructors and factories must be listed. */
    static final List<Class<?>> WIRING = List.of(TenantFilter.class, StandaloneTenantResolver.class,
            AccessKeyFilter.class, CorsFilter.class, RequestIdFilter.class, HealthServlet.class, DatabaseResolver.class,
            TenantDatabases.class, FileSystemStorage.class, S3Storage.class, Gear.class);

    /** Section text by heading line. */
    static Map<String, String> sections;
    static String document;
    /** Fluent configuration classes by the heading code span that introduces them. */
    static Map<Class<?>, String> fluent;

    @BeforeAll
    static void readDocumentAndFindBuilders() throws IOException, URISyntaxException {
        document = Files.readString(DOCUMENT);
        sections = new LinkedHashMap<>();
        String heading = null;
        StringBuilder text = new StringBuilder();
        for (String line : document.lines().toList()) {
            if (line.startsWith("## ") || line.startsWith("### ")) {
                if (heading != null) {
                    sections.put(heading, text.toString());
                }
                heading = line;
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }
        sections.put(heading, text.toString());

        fluent = new LinkedHashMap<>();
        fluent.put(TenantConfigLoader.class, "`TenantConfig.loader()`");
        for (Class<?> type : libraryClasses()) {
            for (Class<?> nested : type.getDeclaredClasses()) {
                if (nested.getSimpleName().equals("Builder") && Modifier.isPublic(nested.getModifiers())) {
                    fluent.put(nested, "`" + type.getSimpleName() + "." + factoryOf(type, nested) + "()`");
                }
            }
        }
    }

    @Test
    void theBuildersAreFoundOnTheClassPath() {
        assertThat(fluent).containsKeys(Database.Builder.class, GatewayFilter.Builder.class, AuthSettings.Builder.class)
                .hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void everyBuilderMethodIsDocumentedUnderItsHeading() {
        List<String> missing = new ArrayList<>();
        fluent.forEach((type, heading) -> {
            String section = section(heading);
            if (section == null) {
                missing.add("no section headed " + heading + " for " + type.getName());
                return;
            }
            for (Method method : settingMethods(type)) {
                String signature = signature(method.getName(), method);
                if (!section.contains("`" + signature + "`") && !section.contains("`" + qualifier(type) + signature + "`")) {
                    missing.add(heading + " " + signature);
                }
            }
        });
        assertThat(missing).as("builder methods missing from " + DOCUMENT).isEmpty();
    }

    @Test
    void everyDocumentedBuilderMethodExists() {
        List<String> stale = new ArrayList<>();
        // one section may document several builders (MailSender, SmsSender, TemplateEngine)
        Map<String, List<Class<?>>> bySection = new LinkedHashMap<>();
        fluent.forEach((type, code) -> {
            String heading = heading(code);
            if (heading != null) { // else reported by everyBuilderMethodIsDocumentedUnderItsHeading
                bySection.computeIfAbsent(heading, h -> new ArrayList<>()).add(type);
            }
        });
        bySection.forEach((heading, types) -> {
            String section = sections.get(heading);
            Set<String> known = new TreeSet<>();
            for (Class<?> type : types) {
                for (Method method : settingMethods(type)) {
                    known.add(signature(method.getName(), method));
                    known.add(qualifier(type) + signature(method.getName(), method));
                }
            }
            for (String row : firstCells(section)) {
                Matcher m = ROW_SIGNATURE.matcher(row);
                while (m.find()) {
                    String documented = m.group(1) + m.group(2) + "(" + m.group(3) + ")";
                    if (!known.contains(documented)) {
                        stale.add(heading + " " + documented);
                    }
                }
            }
        });
        assertThat(stale).as("rows of " + DOCUMENT + " naming a method the builder does not have").isEmpty();
    }

    @Test
    void everyWiringConstructorAndFactoryIsDocumented() {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : WIRING) {
            for (Constructor<?> constructor : type.getConstructors()) {
                String entry = "`new " + signature(type.getSimpleName(), constructor) + "`";
                if (!document.contains(entry)) {
                    missing.add(entry);
                }
            }
            for (Method method : type.getMethods()) {
                if (Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() == type
                        && type.isAssignableFrom(method.getReturnType())) {
                    String entry = "`" + type.getSimpleName() + "." + signature(method.getName(), method) + "`";
                    if (!document.contains(entry)) {
                        missing.add(entry);
                    }
                }
            }
        }
        assertThat(missing).as("constructors and factories missing from " + DOCUMENT).isEmpty();
    }

    // ---- the document --------------------------------------------------------------------------

    /** The first {@code ###} heading containing {@code code}, or null. */
    private static String heading(String code) {
        return sections.keySet().stream().filter(h -> h.startsWith("### ") && h.contains(code)).findFirst().orElse(null);
    }

    /** The text under {@link #heading}, or null. */
    private static String section(String code) {
        String heading = heading(code);
        return heading == null ? null : sections.get(heading);
    }

    private static List<String> firstCells(String section) {
        return section.lines().filter(line -> line.startsWith("| `"))
                .map(line -> line.substring(1, line.indexOf(" |", 1))).toList();
    }

    // ---- the code ------------------------------------------------------------------------------

    /** The public methods a user calls to configure: all but the terminal {@code build()}/{@code load()} of a builder. */
    private static List<Method> settingMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic())
                .filter(m -> !(type.getSimpleName().equals("Builder") && Set.of("build", "load").contains(m.getName())))
                .toList();
    }

    /** {@code name(Type, Type...)} with simple type names, as the tables write it. */
    private static String signature(String name, Executable executable) {
        Class<?>[] types = executable.getParameterTypes();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            boolean varargs = executable.isVarArgs() && i == types.length - 1;
            names.add(varargs ? types[i].getComponentType().getSimpleName() + "..." : types[i].getSimpleName());
        }
        return name + "(" + String.join(", ", names) + ")";
    }

    /** {@code MailSender.Builder.}: how a row in a section shared by several builders names its class. */
    private static String qualifier(Class<?> type) {
        return type.getEnclosingClass() == null ? type.getSimpleName() + "." : type.getEnclosingClass().getSimpleName() + ".Builder.";
    }

    /** The static method of {@code type} that returns {@code builder}: {@code builder} or {@code configure}. */
    private static String factoryOf(Class<?> type, Class<?> builder) {
        return Arrays.stream(type.getMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getReturnType() == builder && m.getParameterCount() == 0)
                .map(Method::getName).findFirst()
                .orElseThrow(() -> new AssertionError(type.getName() + " has a Builder but no static method returning it"));
    }

    /** The public top-level classes of the library modules' public packages (not {@code internal}, not test code). */
    private static List<Class<?>> libraryClasses() throws IOException, URISyntaxException {
        ClassLoader loader = JavaConfigurationReferenceTest.class.getClassLoader();
        Set<String> names = new TreeSet<>();
        for (String packagePath : LIBRARY_PACKAGES) {
            for (URL url : Collections.list(loader.getResources(packagePath))) {
                names.addAll(switch (url.getProtocol()) {
                    case "file" -> classesInDirectory(Path.of(url.toURI()), packagePath);
                    case "jar" -> classesInJar((JarURLConnection) url.openConnection(), packagePath);
                    default -> throw new IllegalStateException("cannot list classes at " + url);
                });
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            if (name.contains("$") || name.contains(".internal.")) {
                continue;
            }
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (Modifier.isPublic(type.getModifiers())) {
                    classes.add(type);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return classes;
    }

    private static Set<String> classesInDirectory(Path packageDir, String packagePath) throws IOException {
        if (packageDir.toString().contains("test-classes")) {
            return Set.of();
        }
        Path root = packageDir;
        for (int i = 0; i < packagePath.split("/").length; i++) {
            root = root.getParent();
        }
        Path classpathRoot = root;
        try (Stream<Path> files = Files.walk(packageDir)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> className(classpathRoot.relativize(f).toString().replace('\\', '/')))
                    .collect(Collectors.toSet());
        }
    }

    private static Set<String> classesInJar(JarURLConnection connection, String packagePath) throws IOException {
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            if (jar.getName().endsWith("-tests.jar")) {
                return Set.of();
            }
            return jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith(packagePath + "/") && n.endsWith(".class"))
                    .map(JavaConfigurationReferenceTest::className).collect(Collectors.toSet());
        }
    }

    private static String className(String resource) {
        return resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
    }
}
