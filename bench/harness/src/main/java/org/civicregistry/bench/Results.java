package org.civicregistry.bench;

import java.util.ArrayList;
import java.util.List;

/** Everything one run measured: what bench/results/latest.json holds, and what the report is made from. */
final class Results {

    private Results() {
    }

    /** The median and the range over {@code runs} rounds. */
    record Spread(double median, double min, double max, int runs) {
    }

    /** Latency percentiles of {@code count} samples, in milliseconds. */
    record Latency(int count, double p50, double p95, double p99, double max) {
    }

    record Machine(int cores, long memoryMiB, String cpu, String kernel, String jdk, String date, String postgres,
            String wrk, String nginx, String pgbench) {
    }

    record Settings(boolean smoke, List<String> sections, int rounds, int overheadSeconds, int connections, int propagationWrites,
            int writesPerSecond, int writeSeconds, List<Integer> concurrencies, List<Integer> sizes, int querySamples) {
    }

    /** One wrk (or built-in load generator) measurement series: one request, one target, every round. */
    record Overhead(String request, String target, String path, String tool, List<Double> requestsPerSecond,
            List<Double> p99Millis, Spread throughput, Spread p99, long errors) {
    }

    /** From the 201 (or the produce call) to receipt, by one kind of receiver. */
    record Propagation(String receiver, int sent, int received, Latency latency) {
    }

    record Write(String driver, int concurrency, int seconds, long ok, long errors, double perSecond) {
    }

    record GrowthStep(int events, int people, int organizations, int agreements, double loadSeconds,
            double relaySeconds, List<Query> queries, Download download) {
    }

    /**
     * The events collection through the gateway as NDJSON against PostgreSQL's COPY of the event table:
     * what the last round read, the rates (records per second) over the rounds, and the VmRSS of the
     * gateway and events-service before and at most during the downloads.
     */
    record Download(long lines, long bytes, long copyRows, long copyBytes, Spread gatewayPerSecond, Spread copyPerSecond,
            long gatewayRssBeforeMiB, long gatewayRssPeakMiB, long serviceRssBeforeMiB, long serviceRssPeakMiB) {
    }

    record Query(String name, String path, Latency latency, long errors) {
    }

    record ServiceFootprint(String service, long pid, double startedInSeconds, double processToReadySeconds,
            long rssIdleMiB, long rssLoadMiB) {
    }

    record Footprint(double platformUpSeconds, List<ServiceFootprint> services, long platformIdleMiB,
            long platformLoadMiB) {
    }

    /** A target of issue 7 and whether this run met it. */
    record Target(String section, String goal, String measured, boolean met) {
    }

    record Run(Machine machine, Settings settings, List<Overhead> overhead, List<Propagation> propagation,
            List<Write> writes, List<GrowthStep> growth, Footprint footprint, List<Target> targets,
            List<String> errors, List<String> notes) {
    }

    /** The run under construction: sections add to it as they finish. */
    static final class Builder {
        Machine machine;
        Settings settings;
        final List<Overhead> overhead = new ArrayList<>();
        final List<Propagation> propagation = new ArrayList<>();
        final List<Write> writes = new ArrayList<>();
        final List<GrowthStep> growth = new ArrayList<>();
        Footprint footprint;
        final List<Target> targets = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Run build() {
            return new Run(machine, settings, overhead, propagation, writes, growth, footprint, targets, errors, notes);
        }
    }
}
