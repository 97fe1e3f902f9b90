package org.civicregistry.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Section 5: memory read from /proc while the other sections run. Each service's VmRSS idle (after
 * start, before any load) and the highest seen under load (sections 1 and 2); the whole platform as
 * the sum of proportional set sizes (PostgreSQL's shared buffers counted once).
 */
final class Footprint implements AutoCloseable {

    private final Platform platform;
    private final Map<String, Long> idleKiB = new ConcurrentHashMap<>();
    private final Map<String, Long> peakKiB = new ConcurrentHashMap<>();
    private long platformIdleKiB;
    private volatile long platformPeakKiB;
    private volatile boolean sampling;
    private Thread sampler;

    Footprint(Platform platform) {
        this.platform = platform;
    }

    void recordIdle() throws IOException {
        platform.servicePids().forEach((service, pid) -> idleKiB.put(service, Platform.rssKiB(pid)));
        platformIdleKiB = platformPss();
    }

    /** Samples every 250 ms until {@link #stopLoad()}. */
    void startLoad() {
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                platform.servicePids().forEach((service, pid) -> peakKiB.merge(service, Platform.rssKiB(pid), Math::max));
                try {
                    platformPeakKiB = Math.max(platformPeakKiB, platformPss());
                    Thread.sleep(250);
                } catch (IOException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "bench-footprint");
        sampler.setDaemon(true);
        sampler.start();
    }

    void stopLoad() throws InterruptedException {
        sampling = false;
        if (sampler != null) {
            sampler.join();
        }
    }

    private long platformPss() throws IOException {
        return platform.allPids().stream().mapToLong(Platform::pssKiB).sum();
    }

    Results.Footprint result() throws IOException {
        List<Results.ServiceFootprint> services = new ArrayList<>();
        for (String service : Platform.SERVICES) {
            services.add(new Results.ServiceFootprint(service, platform.servicePids().get(service), platform.startedInSeconds(service),
                    Stats.round(platform.processToReadySeconds(service)), idleKiB.getOrDefault(service, 0L) / 1024,
                    peakKiB.getOrDefault(service, 0L) / 1024));
        }
        return new Results.Footprint(Stats.round(platform.upSeconds()), services, platformIdleKiB / 1024, platformPeakKiB / 1024);
    }

    @Override
    public void close() throws InterruptedException {
        stopLoad();
    }
}
