package org.civicregistry.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's own files, as the checks of its layout read them: the working tree without what
 * builds, tools and {@code .gitignore} leave in it. The launcher module runs from
 * {@code launcher/}, so the repository is its parent (as in {@code ComposeFileTest}).
 */
final class RepositoryFiles {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Folders that are never the project's source: build output, installed packages, local state. */
    private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", ".civic", ".idea", ".vscode");

    private RepositoryFiles() {
    }

    private static List<String> all;

    /** Every file of the repository, as a path relative to its root with forward slashes (read once). */
    static synchronized List<String> all() {
        if (all == null) {
            all = List.copyOf(walk());
        }
        return all;
    }

    private static List<String> walk() {
        List<String> found = new ArrayList<>();
        try {
            // walkFileTree rather than Files.walk: skipped folders (node_modules) are not even entered
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return skipped(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && !skipped(file)) {
                        found.add(ROOT.relativize(file).toString().replace('\\', '/'));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Collections.sort(found);
        return found;
    }

    private static boolean skipped(Path path) {
        if (path.equals(ROOT)) {
            return false;
        }
        String name = path.getFileName().toString();
        return SKIPPED.contains(name) || name.endsWith(".iml") || name.endsWith(".log");
    }

    /** The file's text, or null when it is binary (a NUL byte in it) or not UTF-8. */
    static String text(String relative) {
        try {
            byte[] bytes = Files.readAllBytes(ROOT.resolve(relative));
            for (byte b : bytes) {
                if (b == 0) {
                    return null;
                }
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            return text.contains("\uFFFD") ? null : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The modules the parent pom builds ({@code <module>} entries), e.g. {@code bench/harness}. */
    static List<String> modules() {
        Matcher module = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>").matcher(text("pom.xml"));
        return module.results().map(m -> m.group(1)).toList();
    }
}
