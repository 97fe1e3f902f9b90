package org.civicregistry.commons.kafka;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings every Kafka client of the platform shares. The services' {@code kafka.*}
 * configuration also carries settings meant for other clients; of it only where the brokers are
 * and how to reach them (bootstrap servers, security, SASL, TLS) applies to the relay's and the
 * consumers' own clients.
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    /** The connection settings of {@code kafkaConfig}, then {@code overrides}. */
    public static Map<String, Object> settings(Map<String, Object> kafkaConfig, Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.")
                    || key.startsWith("ssl.")) {
                props.put(key, value);
            }
        });
        props.putAll(overrides);
        return props;
    }
}
