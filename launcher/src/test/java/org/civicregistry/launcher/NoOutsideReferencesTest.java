package org.civicregistry.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The repository stands on its own: no file of it points at the folder beside it where the project's
 * design notes and source documents were first kept. A clone, a CI run or a reader of the docs has
 * only this repository, so what the project relies on lives in {@code docs/} (design.md,
 * build-notes.md, sources.md).
 */
class NoOutsideReferencesTest {

    /** Spelled in two parts so that this file does not name it. */
    static final String OUTSIDE = ".." + "/shared";

    @Test
    void noFileOfTheRepositoryPointsOutsideIt() {
        List<String> files = RepositoryFiles.all();
        assertThat(files).as("the repository's files").contains("pom.xml", "docs/design.md", "docs/sources.md",
                "docs/build-notes.md");
        List<String> pointing = files.stream().filter(NoOutsideReferencesTest::namesOutside).toList();
        assertThat(pointing).as("files naming " + OUTSIDE + ": point them at docs/design.md, docs/build-notes.md or "
                + "docs/sources.md instead").isEmpty();
    }

    static boolean namesOutside(String file) {
        if (!RepositoryFiles.ROOT.resolve(file).toFile().isFile()) {
            return false;
        }
        String text = RepositoryFiles.text(file);
        return text != null && text.contains(OUTSIDE);
    }
}
