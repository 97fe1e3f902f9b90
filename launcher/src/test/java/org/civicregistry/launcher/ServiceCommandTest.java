package org.civicregistry.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceCommandTest {

    @TempDir
    Path app;

    @Test
    void theJarIsNamedAsInItsDirectoryAndTheArchiveUsedOnlyWhenItExists() throws Exception {
        Path jar = Files.createFile(app.resolve("quarkus-run.jar"));
        List<String> without = Launcher.serviceCommand(jar);
        assertThat(without).endsWith("-jar", "quarkus-run.jar").noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));

        Files.createFile(app.resolve("app-cds.jsa"));
        assertThat(Launcher.serviceCommand(jar)).contains("-XX:SharedArchiveFile=app-cds.jsa").endsWith("-jar", "quarkus-run.jar");
    }

    @Test
    void thisJdkStartsWithTheServicesSettings() throws Exception {
        List<String> command = new ArrayList<>(Launcher.serviceCommand(Files.createFile(app.resolve("quarkus-run.jar"))));
        command.subList(command.size() - 2, command.size()).clear();
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
    }
}
