package org.civicregistry.commons.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.eclipse.microprofile.openapi.models.PathItem.HttpMethod;
import org.junit.jupiter.api.Test;

/** The operationIds the conventions derive, and the ECMA-262 patterns they write for Java's. */
class OpenApiNamesTest {

    @Test
    void operationIdsNameTheRecordAndTheVerb() {
        assertThat(OperationIds.of("/api/v1/people", HttpMethod.GET)).isEqualTo("listPeople");
        assertThat(OperationIds.of("/api/v1/people", HttpMethod.POST)).isEqualTo("createPerson");
        assertThat(OperationIds.of("/api/v1/people/{id}", HttpMethod.GET)).isEqualTo("getPerson");
        assertThat(OperationIds.of("/api/v1/people/{id}", HttpMethod.PUT)).isEqualTo("replacePerson");
        assertThat(OperationIds.of("/api/v1/people/{id}", HttpMethod.PATCH)).isEqualTo("patchPerson");
        assertThat(OperationIds.of("/api/v1/people/{id}/history", HttpMethod.GET)).isEqualTo("getPersonHistory");
        assertThat(OperationIds.of("/api/v1/people/{id}/restore", HttpMethod.POST)).isEqualTo("restorePerson");
        assertThat(OperationIds.of("/api/v1/people/{id}/memberships", HttpMethod.GET)).isEqualTo("listPersonMemberships");
        assertThat(OperationIds.of("/api/v1/agreements/{id}/items/{number}", HttpMethod.PUT)).isEqualTo("replaceAgreementItem");
        assertThat(OperationIds.of("/api/v1/programmes/{id}/initiatives/{number}/reports", HttpMethod.POST))
                .isEqualTo("createProgrammeInitiativeReport");
        assertThat(OperationIds.of("/api/v1/events/calendar.ics", HttpMethod.GET)).isEqualTo("getEventsCalendar");
        assertThat(OperationIds.of("/api/v1/api-keys/{id}", HttpMethod.DELETE)).isEqualTo("deleteApiKey");
        assertThat(OperationIds.of("/api/v1/webhooks/{id}/deliveries", HttpMethod.GET)).isEqualTo("listWebhookDeliveries");
        assertThat(OperationIds.of("/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", HttpMethod.POST))
                .isEqualTo("redeliverWebhookDelivery");
    }

    @Test
    void ecmaPatternsRefuseWhatTheJavaOnesRefuse() {
        for (String java : List.of("[^\\p{Cntrl}]*", "[^\\s\\p{Cntrl}]+", "\\S", "a\\sb", "\\p{Cntrl}")) {
            String ecma = EcmaPatterns.ecma(java);
            assertThat(ecma).doesNotContain("\\p{", "\\s", "\\S");
            // every character of Latin-1 and a few Unicode spaces, alone and inside a word
            List<String> inputs = IntStream.concat(IntStream.range(0, 0x100), IntStream.of(0x2003, 0x3000, 0xFEFF))
                    .mapToObj(c -> new String(Character.toChars(c))).flatMap(c -> List.of(c, "a" + c + "b").stream()).toList();
            for (String input : inputs) {
                assertThat(Pattern.compile(ecma).matcher(input).matches()).as("%s / %s on %s", java, ecma, input.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList())
                        .isEqualTo(Pattern.compile(java).matcher(input).matches());
            }
        }
        assertThat(EcmaPatterns.ecma("[a-z0-9]+(-[a-z0-9]+)*")).isEqualTo("[a-z0-9]+(-[a-z0-9]+)*");
    }
}
