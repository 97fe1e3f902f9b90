package org.civicregistry.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

class FreshnessTest {

    @Test
    void theVersionIsTheDataTopLevelFieldNotOneNestedInIt() {
        assertThat(Freshness.version(change("r1", """
                {"participants": [{"personId": "p", "version": 9}], "location": {"version": 8}, "version": 3, "title": {"version": 7}}
                """))).isEqualTo(OptionalInt.of(3));
    }

    @Test
    void noVersionWhenItIsMissingNotAnIntegerOrTheDataIsNotAnObject() {
        assertThat(Freshness.version(change("r1", "{\"id\": \"r1\", \"nested\": {\"version\": 2}}"))).isEmpty();
        assertThat(Freshness.version(change("r1", "{\"version\": \"3\"}"))).isEmpty();
        assertThat(Freshness.version(change("r1", "{\"version\": 3.5}"))).isEmpty();
        assertThat(Freshness.version(change("r1", "{\"version\": 99999999999}"))).isEmpty();
        assertThat(Freshness.version(change("r1", "[{\"version\": 3}]"))).isEmpty();
        assertThat(Freshness.version(change("r1", "{\"version\": "))).isEmpty();
    }

    @Test
    void aRepeatOrAnOlderVersionOfASubjectIsNotFresh() {
        Freshness freshness = new Freshness(10);
        assertThat(freshness.fresh("t", change("r1", "{\"version\": 2}"))).isTrue();
        assertThat(freshness.fresh("t", change("r1", "{\"version\": 2}"))).isFalse();
        assertThat(freshness.fresh("t", change("r1", "{\"version\": 1}"))).isFalse();
        assertThat(freshness.fresh("t", change("r2", "{\"version\": 1}"))).isTrue();
        assertThat(freshness.fresh("other", change("r1", "{\"version\": 1}"))).isTrue();
        assertThat(freshness.fresh("t", change("r1", "{\"version\": 3}"))).isTrue();
    }

    private static CloudEvent change(String subject, String data) {
        return CloudEventBuilder.v1().withId(subject + data.hashCode()).withType("civic.event.updated")
                .withSource(URI.create("/civic-registry/events")).withSubject(subject)
                .withData("application/json", data.getBytes(StandardCharsets.UTF_8)).build();
    }
}
