package org.civicregistry.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The demo data files as docs/demo-data.md promises them: every record names a source, every source
 * says who published it, when, in which language and under which title, and has no address unless
 * it is the article's own; names are bilingual; references point at records written earlier; and
 * nothing claims more than the sources say (an announced event is not held, no initiative is graded,
 * the task force is tied to the governments that formed it).
 * (That the services accept every record is shown each time {@code ./civic up} loads them: the
 * bench smoke test starts the platform that way.)
 */
class DemoDataFilesTest {

    private final DemoData data = new DemoData(URI.create("http://localhost:0"), "unused");

    @Test
    void everySourceSaysWhoPublishedWhatWhenAndInWhichLanguageWithoutAMadeUpAddress() {
        JsonNode sources = data.read("sources.json");
        assertThat(sources.size()).isEqualTo(5);
        for (Map.Entry<String, JsonNode> source : iterable(sources)) {
            JsonNode s = source.getValue();
            assertThat(s.path("publisher").asText()).as(source.getKey()).isNotBlank();
            assertThat(s.path("title").asText()).as(source.getKey()).isNotBlank();
            assertThat(s.path("publishedOn").asText()).as(source.getKey()).matches("\\d{4}(-\\d{2}(-\\d{2})?)?");
            assertThat(s.path("language").asText()).as(source.getKey()).isIn("ko", "en");
            if (s.has("url")) {
                // a publisher's home page is not where the fact can be checked
                assertThat(URI.create(s.path("url").asText()).getPath()).as(source.getKey()).isNotIn("", "/");
            }
        }
    }

    @Test
    void everyRecordHasASourceBilingualNamesAndReferencesToRecordsWrittenBeforeIt() {
        Set<String> written = new HashSet<>();
        data.read("sources.json").fieldNames().forEachRemaining(key -> written.add("source/" + key));
        List<String> problems = new ArrayList<>();
        for (JsonNode collection : data.read("manifest.json").path("collections")) {
            for (JsonNode record : data.read(collection.asText() + ".json")) {
                String name = collection.asText() + "/" + record.path("slug").asText();
                if (!record.path("sources").isArray() || record.path("sources").isEmpty()) {
                    problems.add(name + " has no source");
                }
                for (String field : List.of("name", "title", "label")) {
                    if (record.has(field) && !(record.path(field).has("ko") && record.path(field).has("en"))) {
                        problems.add(name + "." + field + " is not in both ko and en");
                    }
                }
                references(record, problems, written, name);
                assertThat(written.add(name)).as("%s twice", name).isTrue();
            }
        }
        references(data.read("links.json"), problems, written, "links.json");
        assertThat(problems).isEmpty();
    }

    @Test
    void theGyeonggiGwangjuAgreementIsOfTwelveMayAndItsThreeEarlierAgreementsComeBeforeIt() {
        JsonNode agreements = data.read("agreements.json");
        List<String> gyeonggi = new ArrayList<>();
        for (JsonNode agreement : agreements) {
            if (agreement.path("kind").asText().equals("mutual_development")
                    && agreement.path("parties").findValuesAsText("organizationId").contains("@organizations/gyeonggi")) {
                gyeonggi.add(agreement.path("slug").asText() + " " + agreement.path("signedOn").asText());
            }
        }
        assertThat(gyeonggi).hasSize(4).last().isEqualTo("gyeonggi-gwangju-mutual-development 2023-05-12");
        for (JsonNode event : data.read("events.json")) {
            assertThat(event.path("startsAt").asText()).doesNotStartWith("2023-10");
        }
    }

    @Test
    void anEventTheSourcesOnlyAnnounceIsScheduledAndTheDocsSaySo() throws IOException {
        String docs = Files.readString(RepositoryFiles.ROOT.resolve("docs/demo-data.md"));
        Map<String, String> statuses = new TreeMap<>();
        for (JsonNode event : data.read("events.json")) {
            statuses.put(event.path("slug").asText(), event.path("status").asText());
        }
        // the articles of 12 May 2023 say the governor will meet the May Mothers' Association on the 13th
        assertThat(statuses).containsEntry("kim-dong-yeon-may-mothers-meeting-2023-05-13", "scheduled");
        statuses.forEach((slug, status) -> {
            assertThat(status).as(slug).isIn("completed", "scheduled");
            if (!status.equals("completed")) {
                assertThat(docs).as("docs/demo-data.md names the %s event %s", status, slug).contains("`" + slug + "`");
            }
        });
    }

    @Test
    void theTaskForceIsTiedToTheTwoGovernmentsThatFormedItAndToTheInstituteThatIsItsSecretariat() {
        List<String> parties = new ArrayList<>();
        for (JsonNode agreement : data.read("agreements.json")) {
            if (agreement.path("kind").asText().equals("task_force")) {
                agreement.path("parties").forEach(p -> parties.add(p.path("role").asText() + " "
                        + p.path("organizationId").asText().replace("@organizations/", "")));
            }
        }
        assertThat(parties).containsExactlyInAnyOrder("party gwangju", "party jeonnam", "task_force gwangju-jeonnam-task-force",
                "secretariat gwangju-jeonnam-research-institute");
        for (JsonNode organization : data.read("organizations.json")) {
            // the institute is the secretariat (article of 2021): no second record stands for it
            assertThat(organization.path("name").path("en").asText()).as(organization.path("slug").asText())
                    .doesNotContainIgnoringCase("secretariat");
        }
    }

    @Test
    void noInitiativeClaimsProgressTheSourcesDoNotReport() {
        List<String> graded = new ArrayList<>();
        for (JsonNode programme : data.read("programmes.json")) {
            for (JsonNode initiative : programme.path("initiatives")) {
                List<JsonNode> all = new ArrayList<>(List.of(initiative));
                initiative.path("subItems").forEach(all::add);
                for (JsonNode item : all) {
                    if (!item.path("status").asText("planned").equals("planned") || item.has("progress")) {
                        graded.add(programme.path("slug").asText() + " #" + initiative.path("number").asText());
                    }
                }
            }
        }
        assertThat(graded).isEmpty();
    }

    private static void references(JsonNode node, List<String> problems, Set<String> written, String where) {
        if (node.isTextual() && node.asText().startsWith("@") && !written.contains(node.asText().substring(1))) {
            problems.add(where + " refers to " + node.asText() + ", not written before it");
        }
        node.forEach(child -> references(child, problems, written, where));
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
