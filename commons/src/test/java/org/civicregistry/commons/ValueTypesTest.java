package org.civicregistry.commons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.commons.json.JsonMergePatch;
import org.civicregistry.commons.paging.Cursor;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.text.Blank;
import org.civicregistry.commons.text.Languages;
import org.civicregistry.commons.text.LocalizedText;
import org.junit.jupiter.api.Test;

/** The value types every service builds on, without a running service. */
class ValueTypesTest {

    final ObjectMapper json = new ObjectMapper();

    /** Found by the bad-input corpus: Accept-Language: null answered with Content-Language: null. */
    @Test
    void acceptLanguageSkipsWhatIsNoLanguage() {
        assertThat(Languages.firstLanguage(List.of(java.util.Locale.forLanguageTag("null")))).isNull();
        assertThat(Languages.firstLanguage(List.of(new java.util.Locale("null")))).isNull();
        assertThat(Languages.firstLanguage(List.of(new java.util.Locale("*"), java.util.Locale.forLanguageTag("ko-KR")))).isEqualTo("ko");
        assertThat(Languages.firstLanguage(List.of())).isNull();
    }

    @Test
    void blankIsWhiteSpaceToJavaOrToTheDocumentsEcmaPattern() {
        for (String blank : List.of("", " ", "\t\n", "\u00a0", "\u3000", "\u2007\u202f", "\ufeff", "\u2028")) {
            assertThat(Blank.isBlank(blank)).as("U+%04X…", blank.isEmpty() ? 0 : (int) blank.charAt(0)).isTrue();
        }
        assertThat(Blank.isBlank(null)).isTrue();
        assertThat(Blank.isBlank("\u3000광주 ")).isFalse();
        assertThat(Blank.isBlank("\ud83c\udf38")).isFalse();
    }

    @Test
    void localizedTextPutsKoreanThenEnglishFirstAndFallsBackInSingleLanguageViews() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("ja", "光州広域市");
        given.put("en", " Gwangju ");
        given.put("ko", "광주광역시");
        LocalizedText text = LocalizedText.of(given);
        assertThat(text.values().keySet()).containsExactly("ko", "en", "ja");
        assertThat(text.values().get("en")).isEqualTo("Gwangju");
        assertThat(text.in("en").values()).containsOnly(Map.entry("en", "Gwangju"));
        assertThat(text.in("fr").values()).containsOnly(Map.entry("ko", "광주광역시"));
        assertThat(LocalizedText.of(Map.of("ja", "光州")).in("en").values()).containsOnly(Map.entry("ja", "光州"));
        assertThat(text.in(null)).isSameAs(text);
        assertThat(text.searchText()).contains("광주광역시").contains("gwangju");
    }

    @Test
    void partialDatesStandForTheirFirstAndLastDay() {
        assertThat(PartialDate.parse("2019").firstDay()).isEqualTo(LocalDate.of(2019, 1, 1));
        assertThat(PartialDate.parse("2019").lastDay()).isEqualTo(LocalDate.of(2019, 12, 31));
        assertThat(PartialDate.parse("2024-02").lastDay()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(PartialDate.parse("2019-12-26").firstDay()).isEqualTo(PartialDate.parse("2019-12-26").lastDay());
        assertThat(PartialDate.parse("2019")).isLessThan(PartialDate.parse("2019-06"));
        for (String bad : List.of("2019-13", "2019-02-30", "19", "2019-1-1", "2019-12-26T00:00", "")) {
            assertThatThrownBy(() -> PartialDate.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anIntervalStandsForEveryDayFromItsStartToItsEnd() {
        PartialDate between = PartialDate.parse("2022-07-01/2023-05-11");
        assertThat(between.firstDay()).isEqualTo(LocalDate.of(2022, 7, 1));
        assertThat(between.lastDay()).isEqualTo(LocalDate.of(2023, 5, 11));
        assertThat(between.toString()).isEqualTo("2022-07-01/2023-05-11");
        assertThat(PartialDate.parse("2021/2022-03").lastDay()).isEqualTo(LocalDate.of(2022, 3, 31));
        assertThat(between).isLessThan(PartialDate.parse("2023-05-12"));
        for (String bad : List.of("2023/2022", "2022-07-01/", "/2023", "2022/2023/2024", "2022-07-01/2023-13")) {
            assertThatThrownBy(() -> PartialDate.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void mergePatchFollowsRfc7396() throws Exception {
        var target = json.readTree("{\"a\": \"b\", \"c\": {\"d\": \"e\", \"f\": \"g\"}, \"list\": [1, 2]}");
        var patch = json.readTree("{\"a\": \"z\", \"c\": {\"f\": null}, \"list\": [3], \"new\": {\"x\": 1}}");
        assertThat(JsonMergePatch.apply(target, patch))
                .isEqualTo(json.readTree("{\"a\": \"z\", \"c\": {\"d\": \"e\"}, \"list\": [3], \"new\": {\"x\": 1}}"));
        assertThat(target.get("a").asText()).as("the target is not changed").isEqualTo("b");
        assertThat(JsonMergePatch.apply(target, json.readTree("[1]"))).isEqualTo(json.readTree("[1]"));
    }

    @Test
    void cursorsRoundTripAndRefuseWhatTheyDidNotIssue() {
        UUID id = UUID.randomUUID();
        assertThat(Cursor.decodeId(Cursor.after(id))).isEqualTo(id);
        assertThat(Cursor.decode(Cursor.encode("2023-10-12", id.toString()), 2)).containsExactly("2023-10-12", id.toString());
        assertThat(Cursor.decodeId(null)).isNull();
        for (String bad : List.of("garbage!", Cursor.encode("a", "b"), "YzE", Cursor.encode("not-a-uuid"))) {
            assertThatThrownBy(() -> Cursor.decodeId(bad)).as(bad).isInstanceOf(ProblemException.class);
        }
    }

    @Test
    void numberCursorsRoundTripAndRefuseWhatTheyDidNotIssue() {
        assertThat(Cursor.decodeNumber(Cursor.encode("42"))).isEqualTo(42);
        assertThat(Cursor.decodeNumber(null)).isZero();
        for (String bad : List.of("garbage!", Cursor.encode("4", "2"), Cursor.encode("forty-two"))) {
            assertThatThrownBy(() -> Cursor.decodeNumber(bad)).as(bad).isInstanceOf(ProblemException.class);
        }
    }

    @Test
    void aPageKnowsThereIsMoreFromTheExtraRow() {
        PageRequest request = PageRequest.of("2", null);
        assertThat(request.fetchSize()).isEqualTo(3);
        Page<String> page = Page.of(List.of(1, 2, 3), request.limit(), String::valueOf, String::valueOf);
        assertThat(page.items()).containsExactly("1", "2");
        assertThat(page.nextCursor()).isEqualTo("2");
        assertThat(Page.of(List.of(1, 2), 2, String::valueOf, String::valueOf).nextCursor()).isNull();
        for (String bad : List.of("0", "201", "-1", "ten", "1.5")) {
            assertThatThrownBy(() -> PageRequest.of(bad, null)).as(bad).isInstanceOf(ProblemException.class);
        }
    }
}
