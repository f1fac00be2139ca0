package io.skygear.core.internal.migrate;

import io.skygear.core.migrate.MigrationException;
import java.io.File;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** Lists the files of one classpath folder across directories and jars (file: and jar: URLs). */
final class ClasspathDirectory {

    private ClasspathDirectory() {
    }

    /**
     * File names (without folder) directly inside {@code folder} (no leading or trailing slash) that end
     * with {@code suffix}, mapped to their URL; sorted by name. A name found in several classpath entries
     * keeps the first.
     */
    static Map<String, URL> list(ClassLoader loader, String folder, String suffix) {
        Map<String, URL> files = new TreeMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(folder);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                switch (root.getProtocol()) {
                    case "file" -> listDirectory(root, suffix, files);
                    case "jar" -> listJar(root, folder, suffix, files);
                    default -> throw new IOException("cannot list " + root + " (only file: and jar: are supported)");
                }
            }
        } catch (IOException e) {
            throw new MigrationException("cannot list classpath folder " + folder + ": " + e.getMessage(), null, e);
        }
        return files;
    }

    private static void listDirectory(URL root, String suffix, Map<String, URL> files) throws IOException {
        File[] children;
        try {
            children = new File(root.toURI()).listFiles();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot read " + root, e);
        }
        if (children == null) {
            return;
        }
        for (File child : children) {
            if (child.isFile() && child.getName().endsWith(suffix)) {
                files.putIfAbsent(child.getName(), child.toURI().toURL());
            }
        }
    }

    private static void listJar(URL root, String folder, String suffix, Map<String, URL> files) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        String prefix = folder + "/";
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                String rest = name.startsWith(prefix) ? name.substring(prefix.length()) : "";
                if (!rest.isEmpty() && rest.indexOf('/') < 0 && rest.endsWith(suffix)) {
                    files.putIfAbsent(rest, URI.create("jar:" + connection.getJarFileURL() + "!/" + name).toURL());
                }
            }
        }
    }
}
