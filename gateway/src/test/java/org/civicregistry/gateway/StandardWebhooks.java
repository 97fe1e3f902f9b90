package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks deliveries as a receiver would, with the Standard Webhooks reference library (npm
 * {@code standardwebhooks}, in {@code src/test/node}), so the signatures are proven to follow the
 * standard and not only this project's reading of it. Without node or the packages a developer's
 * run skips the test; CI ({@code CI=true}, where {@code .ci/run} runs {@code npm ci} there) fails it.
 */
final class StandardWebhooks {

    /** What a receiver got: the request's headers (lower-case names) and body. */
    record Delivery(Map<String, String> headers, String body) {
    }

    private static final Path DIR = Path.of("src/test/node");

    private StandardWebhooks() {
    }

    /** The library's verdict on each delivery with {@code secret}: "valid", or "invalid: " and why. */
    static List<String> verify(String secret, List<Delivery> deliveries) {
        Optional<Path> node = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "node")).filter(Files::isExecutable).findFirst();
        requirePresent(node.isPresent(), "node is not on PATH (Debian's nodejs)");
        requirePresent(Files.isDirectory(DIR.resolve("node_modules/standardwebhooks")),
                "gateway/src/test/node has its packages (npm ci there, as .ci/run does)");
        try {
            Process process = new ProcessBuilder(node.orElseThrow().toString(), "verify.mjs").directory(DIR.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (OutputStream in = process.getOutputStream()) {
                new ObjectMapper().writeValue(in, Map.of("secret", secret, "deliveries", deliveries));
            }
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("the verifier did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                fail("the verifier failed (exit " + process.exitValue() + "): " + output);
            }
            return output.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void requirePresent(boolean present, String what) {
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(what);
        }
        assumeTrue(present, what);
    }
}
