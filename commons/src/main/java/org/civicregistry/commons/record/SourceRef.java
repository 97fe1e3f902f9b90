package org.civicregistry.commons.record;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where a fact comes from: a press release, a news article, an official gazette. Its address only
 * when it is known: a publisher's home page is not where a reader can check the fact, so a source
 * may instead be named by its title (with publisher and date).
 */
@Schema(name = "Source", description = "A source names its document by url, by title, or both.")
public record SourceRef(
        @ValidUrl @Schema(description = "Address of the source document (http or https), when known.",
                examples = "https://www.gg.go.kr/") URI url,
        @Size(max = 500) @Schema(description = "Title of the source document.",
                examples = "경기도·광주광역시 상생발전 합의문 체결") String title,
        @Size(max = 200) @Schema(description = "Who published it.", examples = "Gyeonggi Province") String publisher,
        @Valid @Schema(description = "When it was published (partial dates allowed).") PartialDate publishedOn,
        @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}", message = "must be a language tag such as ko or en")
        @Schema(description = "Language of the source, as a BCP 47 tag.", examples = "ko") String language) {


    /** Checked with the fields: a source with neither an address nor a title cannot be found again. */
    @JsonIgnore
    @Schema(hidden = true)
    @AssertTrue(message = "a source needs a url or a title")
    public boolean isNamed() {
        return url != null || (title != null && !title.isBlank());
    }
}
