package org.civicregistry.commons.worker;

import java.time.Duration;

/**
 * One background loop on a daemon thread of its own (the outbox relay, a Kafka consumer): started
 * once, asked to stop by {@link #running()} turning false and by being woken ({@code wakeup()} of a
 * Kafka consumer, else an interrupt), then waited for, so a shutdown never leaves it half way.
 */
public final class Worker {

    private final String name;
    private final Runnable wake;
    private volatile boolean running;
    private Thread thread;

    /** @param wake what ends the loop's current wait; {@code null} to interrupt its thread */
    public Worker(String name, Runnable wake) {
        this.name = name;
        this.wake = wake;
    }

    public synchronized void start(Runnable loop) {
        if (thread != null) {
            throw new IllegalStateException(name + " is already started");
        }
        running = true;
        thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the loop should go on: true from {@link #start} until {@link #stop}. */
    public boolean running() {
        return running;
    }

    /** Asks the loop to end and waits for it at most {@code wait}. */
    public synchronized void stop(Duration wait) {
        running = false;
        if (thread == null) {
            return;
        }
        if (wake != null) {
            wake.run();
        } else {
            thread.interrupt();
        }
        try {
            thread.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits between attempts; an interrupt (a stop) ends the wait early and stays set for the loop to see. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
