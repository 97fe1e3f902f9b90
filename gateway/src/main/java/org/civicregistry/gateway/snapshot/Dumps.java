package org.civicregistry.gateway.snapshot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.commons.snapshot.DataLicence;
import org.civicregistry.commons.snapshot.Snapshots;
import org.civicregistry.commons.worker.Worker;
import org.civicregistry.gateway.GatewayConfig;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Dumps of the whole register, made on a schedule ({@code civic.gateway.dumps.every}, daily by
 * default) into {@code civic.gateway.dumps.directory}: the register as gzipped NDJSON and as a ZIP of
 * CSV files, each with its SHA-256 and the stream position it ends at, in a manifest per dump. The
 * newest {@code keep} are kept. Each file is written under a temporary name and moved into place
 * whole, so a reader never sees half a dump.
 */
@ApplicationScoped
public class Dumps {

    /** The files of a dump: {@code register-20261203T150000Z.ndjson.gz}, {@code .zip}, {@code .manifest.json}. */
    static final Pattern FILE = Pattern.compile("register-\\d{8}T\\d{6}Z\\.(ndjson\\.gz|zip|manifest\\.json)");
    static final String MANIFEST = ".manifest.json";
    private static final Logger LOG = Logger.getLogger(Dumps.class);
    private static final Duration RETRY = Duration.ofMinutes(1);

    /** One file of a dump, as its manifest lists it. */
    public record DumpFile(String name, String mediaType, long bytes, String sha256, String streamPosition,
            String lastEventId, OffsetDateTime taken) {
    }

    /** A dump: when it was made, under which licence, its files. */
    public record Manifest(String name, OffsetDateTime created, String license, List<DumpFile> files) {
    }

    private final RegisterDownload register;
    private final GatewayConfig config;
    private final ObjectMapper mapper;
    private final Worker worker = new Worker("register-dumps", null);

    public Dumps(RegisterDownload register, GatewayConfig config, ObjectMapper mapper) {
        this.register = register;
        this.config = config;
        this.mapper = mapper;
    }

    public Optional<Path> directory() {
        return config.dumps().directory();
    }

    void start(@Observes StartupEvent event) {
        if (directory().isPresent()) {
            worker.start(this::schedule);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        worker.stop(Duration.ofSeconds(5));
    }

    /** Dumps when the newest dump is {@code every} old (a minute after start at the soonest), then again every {@code every}. */
    private void schedule() {
        Worker.pause(RETRY);
        while (worker.running()) {
            Duration wait;
            try {
                Optional<OffsetDateTime> newest = manifests().stream().map(Manifest::created).findFirst();
                Duration age = newest.map(created -> Duration.between(created, OffsetDateTime.now())).orElse(config.dumps().every());
                if (age.compareTo(config.dumps().every()) >= 0) {
                    dump();
                    wait = config.dumps().every();
                } else {
                    wait = config.dumps().every().minus(age);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warnf("The register's dump failed (tried again in %s): %s", RETRY, e.getMessage());
                wait = RETRY;
            }
            Worker.pause(wait);
        }
    }

    /** Makes a dump now: both files, then their manifest, then drops the dumps past {@code keep}. */
    public synchronized Manifest dump() throws IOException {
        Path directory = directory().orElseThrow(() -> new IllegalStateException("civic.gateway.dumps.directory is not set"));
        Files.createDirectories(directory);
        OffsetDateTime created = OffsetDateTime.now(ZoneOffset.UTC);
        String name = "register-" + Snapshots.FILE_TIME.format(created);
        List<DumpFile> files = List.of(write(directory, name + ".ndjson.gz", "ndjson", "application/gzip"),
                write(directory, name + ".zip", "csv", "application/zip"));
        Manifest manifest = new Manifest(name, created, DataLicence.URL, files);
        Path file = directory.resolve(name + MANIFEST);
        Path part = directory.resolve(name + MANIFEST + ".part");
        mapper.writerWithDefaultPrettyPrinter().writeValue(part.toFile(), manifest);
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        prune(directory);
        LOG.infof("Dumped the register: %s (%d and %d bytes)", name, files.get(0).bytes(), files.get(1).bytes());
        return manifest;
    }

    /** Every kept dump's manifest, newest first; none without a directory. */
    public List<Manifest> manifests() throws IOException {
        Optional<Path> directory = directory();
        if (directory.isEmpty() || !Files.isDirectory(directory.get())) {
            return List.of();
        }
        List<Path> paths;
        try (Stream<Path> listed = Files.list(directory.get())) {
            paths = listed.filter(p -> FILE.matcher(p.getFileName().toString()).matches() && p.toString().endsWith(MANIFEST))
                    .sorted((a, b) -> b.getFileName().compareTo(a.getFileName())).toList();
        }
        List<Manifest> manifests = new ArrayList<>();
        for (Path path : paths) {
            manifests.add(mapper.readValue(path.toFile(), Manifest.class));
        }
        return manifests;
    }

    /** The manifest of the dump a file belongs to (register-…Z.zip: register-…Z.manifest.json), if it is kept. */
    public Optional<Manifest> manifestOf(String fileName) throws IOException {
        if (fileName == null || !FILE.matcher(fileName).matches()) {
            return Optional.empty();
        }
        String name = fileName.substring(0, fileName.indexOf('.'));
        Optional<Path> manifest = file(name + MANIFEST);
        return manifest.isEmpty() ? Optional.empty() : Optional.of(mapper.readValue(manifest.get().toFile(), Manifest.class));
    }

    /** A dump's file, if it is one (the name is checked, so no path leaves the directory). */
    public Optional<Path> file(String name) {
        if (name == null || !FILE.matcher(name).matches()) {
            return Optional.empty();
        }
        return directory().map(directory -> directory.resolve(name)).filter(Files::isRegularFile);
    }

    private DumpFile write(Path directory, String name, String format, String mediaType) throws IOException {
        Path part = directory.resolve(name + ".part");
        MessageDigest sha256 = sha256();
        try (RegisterDownload.Started started = register.start(format, null, null)) {
            try (DigestOutputStream file = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(part), 64 * 1024),
                    sha256)) {
                OutputStream out = format.equals("ndjson") ? new GZIPOutputStream(file, 64 * 1024) : file;
                started.writeTo(out, System.nanoTime() + config.downloadTimeout().toNanos());
                if (out instanceof GZIPOutputStream compressed) {
                    compressed.finish();
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            Path file = directory.resolve(name);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new DumpFile(name, mediaType, Files.size(file), HexFormat.of().formatHex(sha256.digest()), started.position,
                    started.lastEventId, started.taken.withOffsetSameInstant(ZoneOffset.UTC));
        }
    }

    private void prune(Path directory) throws IOException {
        List<Manifest> kept = manifests();
        for (Manifest old : kept.subList(Math.min(Math.max(1, config.dumps().keep()), kept.size()), kept.size())) {
            for (DumpFile file : old.files()) {
                Files.deleteIfExists(directory.resolve(file.name()));
            }
            Files.deleteIfExists(directory.resolve(old.name() + MANIFEST));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }
}
