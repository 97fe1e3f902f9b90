package org.civicregistry.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** Two services naming different schemas alike both keep theirs in the platform document. */
class ComponentNamesTest {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void aSchemaAnotherPartDefinesDifferentlyIsRenamedWithEveryReferenceToIt() throws Exception {
        JsonNode merged = json.readTree("""
                {"schemas": {"Transition": {"enum": ["signed", "in_force"]}, "Problem": {"type": "object"}}}""");
        JsonNode events = json.readTree("""
                {"paths": {"/api/v1/events/{id}/transitions": {"post": {"requestBody": {"content": {"application/json":
                   {"schema": {"$ref": "#/components/schemas/Transition"}}}},
                   "responses": {"400": {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}}},
                 "components": {"schemas": {
                   "Transition": {"enum": ["postponed", "rescheduled"]},
                   "Problem": {"type": "object"},
                   "Batch": {"type": "array", "items": {"$ref": "#/components/schemas/Transition"}}}}}""");

        JsonNode part = PlatformDocument.withUniqueComponentNames(events, "events", merged);

        assertThat(part.at("/components/schemas/EventsTransition/enum/0").asText()).isEqualTo("postponed");
        assertThat(part.at("/components/schemas/Transition").isMissingNode()).isTrue();
        assertThat(part.at("/paths/~1api~1v1~1events~1{id}~1transitions/post/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/EventsTransition");
        assertThat(part.at("/components/schemas/Batch/items/$ref").asText()).isEqualTo("#/components/schemas/EventsTransition");
        // the same schema in both parts is shared, not renamed
        assertThat(part.at("/components/schemas/Problem").isObject()).isTrue();
        assertThat(part.at("/paths/~1api~1v1~1events~1{id}~1transitions/post/responses/400/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        // the part fetched is left as it was, for the next merge
        assertThat(events.at("/components/schemas/Transition").isObject()).isTrue();
    }

    @Test
    void aSecuritySchemeRenamedIsRenamedInTheRequirementsNamingIt() throws Exception {
        JsonNode merged = json.readTree("""
                {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "The gateway's"}}}""");
        JsonNode events = json.readTree("""
                {"paths": {"/api/v1/events": {"post": {"security": [{"bearer": ["editor", "admin"]}], "responses": {}}}},
                 "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "The service's"}}}}""");

        JsonNode part = PlatformDocument.withUniqueComponentNames(events, "events", merged);

        assertThat(part.at("/components/securitySchemes/Eventsbearer/description").asText()).isEqualTo("The service's");
        assertThat(part.at("/paths/~1api~1v1~1events/post/security/0/Eventsbearer/1").asText()).isEqualTo("admin");
        assertThat(part.at("/paths/~1api~1v1~1events/post/security/0/bearer").isMissingNode()).isTrue();
    }
}
