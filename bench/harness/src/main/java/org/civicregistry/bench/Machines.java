package org.civicregistry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** What the numbers were measured on. */
final class Machines {

    private Machines() {
    }

    static Results.Machine describe() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        long memKiB = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
        String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new Results.Machine(Runtime.getRuntime().availableProcessors(), memKiB / 1024, cpu, kernel, jdk,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString(),
                "embedded PostgreSQL 17 (zonky binaries, as ./civic up runs it)", Tools.version("wrk", "--version"),
                Tools.version("nginx", "-v"), Tools.version("pgbench", "--version"));
    }
}
