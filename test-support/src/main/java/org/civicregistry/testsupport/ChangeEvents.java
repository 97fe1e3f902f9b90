package org.civicregistry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.testsupport.TopicReader.Message;

/** What every service's change stream promises of each record it publishes: a binary-mode CloudEvent. */
public final class ChangeEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeEvents() {
    }

    /**
     * Asserts the CloudEvents headers (spec version 1.0, {@code source}, the record's id as subject, an
     * id and a time, JSON content) and that the data is the record {@code id} at {@code version};
     * returns the data.
     */
    public static JsonNode assertCloudEvent(Message event, String source, String id, int version) throws JsonProcessingException {
        assertThat(event.header("ce_specversion")).isEqualTo("1.0");
        assertThat(event.header("ce_source")).isEqualTo(source);
        assertThat(event.header("ce_subject")).isEqualTo(id);
        assertThat(event.header("ce_id")).isNotBlank();
        assertThat(event.header("ce_time")).isNotBlank();
        assertThat(event.header("content-type")).isEqualTo("application/json");
        JsonNode data = JSON.readTree(event.value());
        assertThat(data.get("id").asText()).isEqualTo(id);
        assertThat(data.get("version").asInt()).isEqualTo(version);
        return data;
    }
}
