package io.dbaudit.engine.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the text files of rule packs (DRL, metadata, fixtures) from a directory or from the classpath
 * folder {@code packs/}, which is a directory in an IDE and a jar entry prefix in the fat jar.
 */
public final class PackReader {
    public static final String CLASSPATH_ROOT = "packs";

    private PackReader() {
    }

    public static List<PackSource> fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("rule pack directory not found: " + dir);
        }
        return walk(dir, dir.toString());
    }

    public static List<PackSource> fromClasspath(ClassLoader loader) {
        List<PackSource> out = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(CLASSPATH_ROOT);
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                if ("file".equals(url.getProtocol())) {
                    out.addAll(walk(Path.of(url.toURI()), "classpath:" + CLASSPATH_ROOT));
                } else if ("jar".equals(url.getProtocol())) {
                    String spec = url.toString();
                    String jar = spec.substring(0, spec.indexOf("!/"));
                    out.addAll(walk(jarFileSystem(java.net.URI.create(jar)).getPath(CLASSPATH_ROOT),
                            "classpath:" + CLASSPATH_ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The zip file system of our own jar, opened once and kept for the life of the process. */
    private static synchronized FileSystem jarFileSystem(java.net.URI jar) throws IOException {
        try {
            return FileSystems.getFileSystem(jar);
        } catch (java.nio.file.FileSystemNotFoundException e) {
            return FileSystems.newFileSystem(jar, Map.of());
        }
    }

    private static List<PackSource> walk(Path root, String origin) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".drl") || n.endsWith(".yaml") || n.endsWith(".yml");
                    })
                    .sorted(Comparator.comparing(Path::toString))
                    .map(p -> new PackSource(origin, root.relativize(p).toString().replace('\\', '/'), read(p)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
