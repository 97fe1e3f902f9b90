package org.civicregistry.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.civicregistry.embedded.Tracing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceCommandTest {

    @TempDir
    Path app;

    @Test
    void theJarIsNamedAsInItsDirectoryAndTheArchiveUsedOnlyWhenItExists() throws Exception {
        Path jar = Files.createFile(app.resolve("quarkus-run.jar"));
        List<String> without = Launcher.serviceCommand(jar, null);
        assertThat(without).endsWith("-jar", "quarkus-run.jar").noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));

        Files.createFile(app.resolve("app-cds.jsa"));
        assertThat(Launcher.serviceCommand(jar, null)).contains("-XX:SharedArchiveFile=app-cds.jsa").endsWith("-jar", "quarkus-run.jar");
    }

    @Test
    void thisJdkStartsWithTheServicesSettings() throws Exception {
        javaVersionWith(Launcher.serviceCommand(Files.createFile(app.resolve("quarkus-run.jar")), null));
    }

    @Test
    void withTracingTheAgentIsAttachedBeforeTheJarAndItsJvmStarts() throws Exception {
        Path jar = Files.createFile(app.resolve("quarkus-run.jar"));
        Path agent = Path.of("target/agent/opentelemetry-javaagent.jar").toAbsolutePath();
        Tracing tracing = new Tracing(agent, Tracing.Export.LOG);
        List<String> command = Launcher.serviceCommand(jar, tracing);
        assertThat(command.indexOf("-javaagent:" + agent)).isPositive().isLessThan(command.indexOf("-jar"));
        assertThat(tracing.environment("officials-service")).containsEntry("OTEL_SERVICE_NAME", "officials-service")
                .containsEntry("OTEL_TRACES_EXPORTER", "logging-otlp");
        assertThat(javaVersionWith(command)).contains("opentelemetry-javaagent");
    }

    /** Runs {@code java -version} with the command's JVM options in place of its jar; what it printed. */
    private static String javaVersionWith(List<String> serviceCommand) throws Exception {
        List<String> command = new ArrayList<>(serviceCommand);
        command.subList(command.size() - 2, command.size()).clear();
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        return output;
    }
}
