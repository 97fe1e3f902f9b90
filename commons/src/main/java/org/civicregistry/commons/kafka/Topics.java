package org.civicregistry.commons.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

/**
 * Creates a topic with the platform's explicit settings, or checks one that exists against them.
 * A topic made by hand or by an older version with other settings is reported (log, health,
 * metrics), never silently accepted, and never altered: changing retention or replication of a
 * live stream is an operator's decision.
 */
public final class Topics {

    private static final Logger LOG = Logger.getLogger(Topics.class);

    private Topics() {
    }

    /** What a topic should be. {@code maxMessageBytes} bounds one record (the outbox's limit plus headroom). */
    public record Spec(String name, TopicsConfig config, int maxMessageBytes) {

        Map<String, String> settings() {
            return Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, String.valueOf(config.retentionMs()),
                    TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(config.minInsyncReplicas()),
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(maxMessageBytes));
        }
    }

    /**
     * Creates the topic if it is missing.
     *
     * @return how the existing topic differs from the spec (empty when it matches or was created)
     * @throws KafkaUnavailable when the brokers did not answer
     */
    public static List<String> ensure(Admin admin, Spec spec) {
        long timeout = spec.config().timeout().toMillis();
        try {
            try {
                admin.createTopics(List.of(new NewTopic(spec.name(), spec.config().partitions(), spec.config().replicationFactor())
                        .configs(spec.settings()))).all().get(timeout, TimeUnit.MILLISECONDS);
                LOG.infof("Created topic %s: %d partitions, replication %d, %s", spec.name(), spec.config().partitions(),
                        spec.config().replicationFactor(), spec.settings());
                return List.of();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new KafkaUnavailable("cannot create topic " + spec.name() + ": " + e.getCause().getMessage());
                }
            }
            List<String> mismatches = differences(admin, spec, timeout);
            if (!mismatches.isEmpty()) {
                LOG.warnf("Topic %s does not have the platform's settings: %s", spec.name(), mismatches);
            }
            return mismatches;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new KafkaUnavailable("topic " + spec.name() + " vanished while it was checked");
            }
            throw new KafkaUnavailable("cannot check topic " + spec.name() + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new KafkaUnavailable("Kafka did not answer within " + spec.config().timeout() + " about topic " + spec.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailable("interrupted");
        }
    }

    private static List<String> differences(Admin admin, Spec spec, long timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> mismatches = new ArrayList<>();
        TopicDescription description = admin.describeTopics(List.of(spec.name())).allTopicNames()
                .get(timeout, TimeUnit.MILLISECONDS).get(spec.name());
        int replicas = description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
        if (replicas < spec.config().replicationFactor()) {
            mismatches.add("replication factor " + replicas + ", expected " + spec.config().replicationFactor());
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
        Config actual = admin.describeConfigs(List.of(resource)).all().get(timeout, TimeUnit.MILLISECONDS).get(resource);
        spec.settings().forEach((key, expected) -> {
            var entry = actual.get(key);
            String value = entry == null ? null : entry.value();
            if (!expected.equals(value) && !acceptable(key, expected, value)) {
                mismatches.add(key + "=" + value + ", expected " + expected);
            }
        });
        return mismatches;
    }

    /** Settings that are at least as safe as the spec asks pass: more retention, a larger record bound, more in-sync copies. */
    private static boolean acceptable(String key, String expected, String value) {
        if (value == null) {
            return false;
        }
        try {
            long want = Long.parseLong(expected);
            long have = Long.parseLong(value);
            return switch (key) {
                case TopicConfig.RETENTION_MS_CONFIG, TopicConfig.RETENTION_BYTES_CONFIG -> have == -1 || (want != -1 && have >= want);
                case TopicConfig.MAX_MESSAGE_BYTES_CONFIG, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG -> have >= want;
                default -> false;
            };
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The brokers could not be reached or refused the request; try again later. */
    public static final class KafkaUnavailable extends RuntimeException {
        public KafkaUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
