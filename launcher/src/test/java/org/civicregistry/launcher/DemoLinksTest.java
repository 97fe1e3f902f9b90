package org.civicregistry.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code ./civic up} points at shows the demo data: the printed programmes and calendar links,
 * and the records the {@code /demo} page's widgets name, are records of the demo files with
 * something in them (issue: the printed feed and the demo's lists used to be empty).
 */
class DemoLinksTest {

    private static final String DEMO_PAGE = "gateway/src/main/resources/META-INF/resources/demo/index.html";
    /** Which demo file each widget attribute of the page names a record of. */
    private static final Map<String, String> ATTRIBUTE_FILES = Map.of("organization", "organizations", "party",
            "organizations", "person", "people", "programme", "programmes");

    private final DemoData data = new DemoData(URI.create("http://localhost:0"), "unused");

    @Test
    void thePrintedProgrammesLinkListsGwangjusKeyInitiatives() {
        List<JsonNode> owned = new ArrayList<>();
        data.read("programmes.json").forEach(p -> {
            if (p.path("ownerId").asText().equals("@organizations/" + DemoLinks.PROGRAMME_OWNER)) {
                owned.add(p);
            }
        });
        assertThat(owned).extracting(p -> p.path("slug").asText()).contains("gwangju-2020-key-initiatives");
        assertThat(owned).allSatisfy(p -> assertThat(p.path("initiatives").size()).isPositive());
    }

    @Test
    void thePrintedCalendarHasTheGovernorsEventsAfterItsStart() {
        OffsetDateTime from = OffsetDateTime.parse(DemoLinks.CALENDAR_FROM);
        List<String> shown = new ArrayList<>();
        data.read("events.json").forEach(event -> {
            boolean takesPart = false;
            for (JsonNode participant : event.path("participants")) {
                takesPart |= participant.path("personId").asText().equals("@people/" + DemoLinks.CALENDAR_PARTICIPANT);
            }
            if (takesPart && !OffsetDateTime.parse(event.path("startsAt").asText()).isBefore(from)) {
                shown.add(event.path("slug").asText());
            }
        });
        assertThat(shown).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void everyRecordTheDemoPageNamesIsInTheDemoData() throws IOException {
        String page = Files.readString(RepositoryFiles.ROOT.resolve(DEMO_PAGE));
        Matcher widget = Pattern.compile("<civic-[a-z]+ ([a-z]+)=\"([^\"]+)\"").matcher(page);
        int named = 0;
        while (widget.find()) {
            String file = ATTRIBUTE_FILES.get(widget.group(1));
            assertThat(file).as("the demo page's attribute %s", widget.group(1)).isNotNull();
            assertThat(slugs(file)).as("%s in %s.json", widget.group(2), file).contains(widget.group(2));
            named++;
        }
        assertThat(named).isEqualTo(4);
        // the events widget shows the organization's events: Gwangju organizes some
        assertThat(data.read("events.json").findValuesAsText("organizerId")).contains("@organizations/gwangju");
    }

    private List<String> slugs(String file) {
        return data.read(file + ".json").findValuesAsText("slug");
    }
}
