package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, read from its import lines: the flow between packages has no cycle,
 * the domain knows nothing of the framework, and framework internals stay in few files, so a
 * Vert.x upgrade that moves them breaks one named place.
 */
class PackageRulesTest {
    private static final Path MAIN = Path.of("src/main/java/org/livecam");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern INTERNAL = Pattern.compile("^(io\\.netty\\..*|io\\.vertx\\..*\\.(impl|internal)\\..*)$");

    /** Source file (relative to MAIN) to the names it imports. */
    private static final Map<String, List<String>> imports = new TreeMap<>();

    @BeforeAll
    static void readImports() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                List<String> names = new ArrayList<>();
                while (m.find()) {
                    names.add(m.group(1));
                }
                imports.put(MAIN.relativize(file).toString(), names);
            }
        }
        assertThat(imports).as("source files read").hasSizeGreaterThan(50);
    }

    @Test
    void framePackageImportsNeitherVertxNorNetty() {
        List<String> offenders = new ArrayList<>();
        imports.forEach((file, names) -> names.stream()
                .filter(n -> n.startsWith("io.vertx.") || n.startsWith("io.netty."))
                .filter(n -> file.startsWith("frame/"))
                .forEach(n -> offenders.add(file + " imports " + n)));
        assertThat(offenders).isEmpty();
    }

    @Test
    void frameworkInternalsStayInAtMostTwoFiles() {
        Set<String> files = new TreeSet<>();
        imports.forEach((file, names) -> {
            if (names.stream().anyMatch(n -> INTERNAL.matcher(n).matches())) {
                files.add(file);
            }
        });
        assertThat(files).as("files importing Netty or Vert.x internals").hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void packagesImportEachOtherWithoutCycles() {
        Map<String, Set<String>> edges = new TreeMap<>();
        imports.forEach((file, names) -> {
            String from = packageOf(file);
            for (String name : names) {
                if (name.startsWith("org.livecam.")) {
                    String to = livecamPackage(name);
                    if (!to.equals(from)) {
                        edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                    }
                }
            }
        });
        List<String> cycles = new ArrayList<>();
        for (String start : edges.keySet()) {
            findCycle(start, start, edges, new ArrayList<>(List.of(start)), new TreeSet<>(), cycles);
        }
        assertThat(cycles).as("package import cycles (edges: " + edges + ")").isEmpty();
    }

    private static void findCycle(String start, String at, Map<String, Set<String>> edges, List<String> path,
                                  Set<String> seen, List<String> cycles) {
        for (String next : edges.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (seen.add(next)) {
                path.add(next);
                findCycle(start, next, edges, path, seen, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    /** "(root)" for org.livecam itself, else its first sub-package. */
    private static String packageOf(String file) {
        int slash = file.indexOf('/');
        return slash < 0 ? "(root)" : file.substring(0, slash);
    }

    private static String livecamPackage(String name) {
        String rest = name.substring("org.livecam.".length());
        String first = rest.substring(0, rest.indexOf('.') < 0 ? rest.length() : rest.indexOf('.'));
        return Character.isUpperCase(first.charAt(0)) ? "(root)" : first;
    }
}
