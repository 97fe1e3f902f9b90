package org.civicregistry.gateway;

import java.util.Map;

import org.civicregistry.embedded.KafkaBroker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stops the JVM's Kafka broker just before the gateway starts (after the other resources made the
 * topics), as when the gateway comes up before Kafka does; the test starts it again. Started last.
 */
public class BrokerDownAtStart implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        KafkaBroker.shared().stop();
        return Map.of();
    }

    @Override
    public void stop() {
        // whatever the test did, the next test classes need the broker
        KafkaBroker.shared().start();
    }

    @Override
    public int order() {
        return 1000;
    }
}
