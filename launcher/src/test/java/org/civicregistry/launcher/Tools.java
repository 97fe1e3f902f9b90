package org.civicregistry.launcher;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The command-line tools the deployment checks run (kubectl for kustomize, node for the schemas,
 * promtool for the alert rules). On a developer's machine a missing tool skips the check; in CI
 * ({@code CI=true}, where {@code .ci/run} installs them) it fails it, so a check never passes by
 * not running.
 */
final class Tools {

    record Result(int exitCode, String output) {
    }

    private Tools() {
    }

    /** The tool's path on PATH; skips the calling test without it, or fails it in CI. */
    static Path require(String name, String installedBy) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
        requirePresent(found.isPresent(), name + " is not on PATH (" + installedBy + ")");
        return found.orElseThrow();
    }

    /** Skips the calling test unless {@code present}, or fails it in CI. */
    static void requirePresent(boolean present, String what) {
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(what);
        }
        assumeTrue(present, what);
    }

    /** Runs the command in the repository's root with {@code input} on its standard input. */
    static Result run(String input, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(RepositoryFiles.ROOT.toFile()).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
