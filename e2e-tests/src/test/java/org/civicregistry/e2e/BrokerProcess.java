package org.civicregistry.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.civicregistry.embedded.FreePorts;
import org.civicregistry.embedded.KafkaBroker;

/**
 * The platform's Kafka broker as a process of its own ({@link KafkaBroker#main}), so a fault test
 * can kill it with SIGKILL, as a crash or an out-of-memory kill would, and start it again on the
 * same log directory and port.
 */
final class BrokerProcess {

    private final Path logDir;
    private final Path log;
    private final int port = FreePorts.next();
    private final int controllerPort = FreePorts.next();
    private Process process;

    BrokerProcess(Path logs) {
        try {
            this.logDir = Files.createTempDirectory("civic-e2e-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.log = logs.resolve("kafka.log");
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** Starts the broker (again, keeping its data) and waits until it answers. */
    synchronized void start() {
        if (running()) {
            return;
        }
        try {
            // The JBoss log manager as java.util.logging's, so the levels KafkaBroker.main sets reach
            // the loggers the broker writes to (through SLF4J); with the JDK's own they would not.
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                    "-cp", System.getProperty("java.class.path"), KafkaBroker.class.getName(),
                    logDir.toString(), String.valueOf(port), String.valueOf(controllerPort))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> !process.isAlive() || answers());
        if (!process.isAlive()) {
            throw new IllegalStateException("the Kafka broker exited; see " + log);
        }
    }

    /** SIGKILL: no shutdown, no flush; what was acknowledged must survive (acks=all, one replica). */
    synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A clean shutdown (SIGTERM), as for an outage a test injects; the data stays for the restart. */
    synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the broker for good and removes its log directory, at the end of the run. */
    synchronized void close() {
        stop();
        try (Stream<Path> files = Files.walk(logDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the system cleans it up eventually
        }
    }

    private boolean answers() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers(), "request.timeout.ms", 2000,
                "default.api.timeout.ms", 3000))) {
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
