package org.civicregistry.commons.consumer;

import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/** Offset commits of the platform's consumers that apply a batch before committing it. */
public final class Commits {

    private Commits() {
    }

    /**
     * Commits, and goes on when the commit fails: the broker gone (killed, restarting) or the group
     * rebalanced meanwhile. The batch is applied already; whoever reads the partitions next starts at
     * the last committed offset, and applying a change again changes nothing (each consumer keeps
     * the newest version). Letting the exception end the consumer's thread would stop it for good.
     */
    public static void commitOrGoOn(Consumer<?, ?> consumer, Logger log, String who) {
        commitOrGoOn(consumer, null, log, who);
    }

    /** The same for the given offsets only (what a batch applied before a partition was held); null for all polled. */
    public static void commitOrGoOn(Consumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> offsets, Logger log,
            String who) {
        try {
            if (offsets == null) {
                consumer.commitSync();
            } else {
                consumer.commitSync(offsets);
            }
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warnf("%s could not commit its offsets (%s); the batch may be read again", who, e.getMessage());
        }
    }
}
