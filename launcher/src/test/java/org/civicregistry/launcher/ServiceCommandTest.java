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
        List<String> command = new ArrayList<>(Launcher.serviceCommand(Files.createFile(app.resolve("quarkus-run.jar")), null));
        command.subList(command.size() - 2, command.size()).clear();
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
    }

    @Test
    void withTracingTheAgentIsAttachedBeforeTheJarAndItsJvmStarts() throws Exception {
        Path jar = Files.createFile(app.resolve("quarkus-run.jar"));
        Tracing tracing = new Tracing(Path.of("target/agent/opentelemetry-javaagent.jar").toAbsolutePath(), Tracing.Export.LOG);
        List<String> command = new ArrayList<>(Launcher.serviceCommand(jar, tracing));
        assertThat(command.indexOf("-javaagent:" + Path.of("target/agent/opentelemetry-javaagent.jar").toAbsolutePath()))
                .isPositive().isLessThan(command.indexOf("-jar"));
        assertThat(tracing.environment("officials-service")).containsEntry("OTEL_SERVICE_NAME", "officials-service")
                .containsEntry("OTEL_TRACES_EXPORTER", "logging-otlp");

        command.subList(command.size() - 2, command.size()).clear();
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        assertThat(output).contains("opentelemetry-javaagent");
    }
}
