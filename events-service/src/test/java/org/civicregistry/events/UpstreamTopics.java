package org.civicregistry.events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.civicregistry.embedded.KafkaBroker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Creates the topics events-service reads (officials', agreements') before it starts, as the
 * producing services would have. One partition each, so the tests know an event was applied once a
 * later one on the same topic was: the projections themselves do not rely on it.
 */
public class UpstreamTopics implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()))) {
            for (String topic : List.of(Upstream.OFFICIALS, Upstream.AGREEMENTS)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Map.of();
    }

    @Override
    public void stop() {
        // the broker lives as long as the JVM
    }
}
