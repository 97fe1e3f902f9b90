package org.civicregistry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** External programs: the load generator and peers (Debian packages) and running them. */
final class Tools {

    /** What a finished program printed. */
    record Output(int exitCode, String text) {
    }

    private Tools() {
    }

    static boolean installed(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        // nginx lives in /usr/sbin, which a non-login PATH may lack
        return Files.isExecutable(Path.of("/usr/sbin", program));
    }

    static String path(String program) {
        for (String dir : (System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program).toString();
            }
        }
        return program;
    }

    /** Installs the Debian package of each missing program (we run as root on the bench machine). */
    static void ensure(List<String> programs) throws IOException, InterruptedException {
        List<String> missing = programs.stream().filter(p -> !installed(p)).toList();
        if (missing.isEmpty()) {
            return;
        }
        Bench.log("installing " + missing + " with apt-get");
        List<String> command = new ArrayList<>(List.of("apt-get", "install", "-y", "-q"));
        command.addAll(missing);
        Output out = run(command, Map.of("DEBIAN_FRONTEND", "noninteractive"), 600);
        if (out.exitCode() != 0) {
            run(List.of("apt-get", "update", "-q"), Map.of(), 600);
            out = run(command, Map.of("DEBIAN_FRONTEND", "noninteractive"), 600);
        }
        if (out.exitCode() != 0) {
            throw new IOException("apt-get install " + missing + " failed:\n" + out.text());
        }
    }

    static Output run(List<String> command, Map<String, String> environment, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] bytes;
        try (var in = process.getInputStream()) {
            bytes = in.readAllBytes();
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        return new Output(process.exitValue(), new String(bytes, StandardCharsets.UTF_8));
    }

    /** The first line of a program's version output, or "not installed". */
    static String version(String program, String... arguments) {
        if (!installed(program)) {
            return "not installed";
        }
        try {
            List<String> command = new ArrayList<>(List.of(path(program)));
            command.addAll(List.of(arguments));
            String text = run(command, Map.of(), 20).text().strip();
            return text.isEmpty() ? "unknown" : text.lines().findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
