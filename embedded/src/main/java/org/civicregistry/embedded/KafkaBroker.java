package org.civicregistry.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.jboss.logging.Logger;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real Apache Kafka broker (KRaft, one node acting as broker and controller) in this JVM, on free
 * ports, with its log in a temporary directory. One per JVM ({@link #shared()}); it can be stopped
 * and started again on the same ports with its data kept, for outage tests.
 */
public final class KafkaBroker {

    private static final Logger LOG = Logger.getLogger(KafkaBroker.class);

    private static KafkaBroker shared;

    // Held here: java.util.logging keeps loggers only weakly, and a collected one forgets its level.
    private static final List<java.util.logging.Logger> CONFIGURED_LOGGERS = new ArrayList<>();

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private KafkaBroker(Path logDir, int port, int controllerPort) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** The JVM's broker, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("civic-kafka-");
                shared = new KafkaBroker(dir, FreePorts.next(), FreePorts.next());
                shared.format();
                shared.start();
                KafkaBroker broker = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    broker.stop();
                    deleteQuietly(dir);
                }, "kafka-broker-shutdown"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /**
     * A broker whose log stays in {@code logDir} across runs, on fixed ports: for the local platform
     * ({@code ./civic up}). Formats the directory on first use.
     */
    public static KafkaBroker persistent(Path logDir, int port, int controllerPort) {
        try {
            Files.createDirectories(logDir);
            KafkaBroker broker = new KafkaBroker(logDir, port, controllerPort);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                broker.format();
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A broker in a process of its own, for tests that kill it (SIGKILL) as a crash would:
     * {@code java -cp <test classpath> org.civicregistry.embedded.KafkaBroker <log dir> <port> <controller port>}.
     * Logs once it serves, then runs until killed.
     */
    public static void main(String[] args) throws InterruptedException {
        configureLogging();
        KafkaBroker broker = persistent(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-shutdown"));
        LOG.infof("Kafka broker ready on %s", broker.bootstrapServers());
        Thread.currentThread().join();
    }

    /**
     * This process's log: INFO and up, the broker's own loggers from WARN, to standard error (which
     * the e2e suite keeps as kafka.log). The test classpath carries Quarkus' bootstrap, whose log
     * configurator leaves every logger at ALL and holds records back until Quarkus starts, which
     * it never does here: the broker formatted a trace line for every request it served, and
     * nothing it logged was ever written.
     */
    private static void configureLogging() {
        Map.of("", Level.INFO, "kafka", Level.WARNING, "org.apache.kafka", Level.WARNING,
                "state.change.logger", Level.WARNING).forEach((name, level) -> {
                    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
                    logger.setLevel(level);
                    CONFIGURED_LOGGERS.add(logger);
                });
        java.util.logging.Logger.getLogger("").addHandler(new ConsoleHandler());
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public synchronized boolean running() {
        return server != null;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        server = new KafkaRaftServer(new KafkaConfig(properties()), Time.SYSTEM);
        server.startup();
    }

    /** Stops the broker (its data stays), as an outage would. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    private void format() throws IOException {
        Path config = logDir.resolveSibling(logDir.getFileName() + ".properties");
        try (var out = Files.newOutputStream(config)) {
            properties().store(out, "civic test broker");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code = StorageTool.execute(new String[] { "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString() },
                new PrintStream(output, true, StandardCharsets.UTF_8));
        Files.deleteIfExists(config);
        if (code != 0) {
            throw new IllegalStateException("Formatting the Kafka log directory failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        // The outbox relays publish in transactions: 50 coordinator partitions made the first one wait 5 s.
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Services create their own topics; a test must not pass because the broker made one up.
        p.put("auto.create.topics.enable", "false");
        p.put("log.flush.interval.messages", "1");
        return p;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
