package org.civicregistry.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The module rules of docs/architecture.md, read from the Java sources of every module the parent
 * pom builds (imports and fully qualified names in code; comments do not count). Sources rather than
 * classes, so the check needs no other module built first and sees the test trees too.
 * <ul>
 * <li>a service's packages are used by that service only: no service, nor commons, test-support,
 * the launcher, the end-to-end suite or the benchmarks, uses another's classes (they talk over HTTP
 * and Kafka);</li>
 * <li>commons and embedded use no other module of the project;</li>
 * <li>production code ({@code src/main}) never uses {@code org.civicregistry.testsupport}, except
 * test-support's own;</li>
 * <li>each module's classes live in its own packages, so these rules cannot be walked around.</li>
 * </ul>
 */
class ModuleRulesTest {

    /** The four services: module folder → root package under org.civicregistry. */
    static final Map<String, String> SERVICES = Map.of("officials-service", "officials", "agreements-service", "agreements",
            "events-service", "events", "gateway", "gateway");

    /** Root package of every module with one; a module the pom adds later still gets the rules above. */
    static final Map<String, String> ROOTS = Map.of("commons", "commons", "embedded", "embedded", "test-support", "testsupport", "officials-service",
            "officials", "agreements-service", "agreements", "events-service", "events", "gateway", "gateway", "launcher",
            "launcher", "e2e-tests", "e2e", "bench/harness", "bench");

    static final Pattern REFERENCE = Pattern.compile("\\borg\\.civicregistry\\.([a-z0-9_]+)");
    static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+org\\.civicregistry\\.([a-z0-9_]+)", Pattern.MULTILINE);

    @Test
    void everyModuleKeepsToItsRules() {
        assertThat(breaches()).as("module rules of docs/architecture.md broken").isEmpty();
    }

    @Test
    void theRulesSeeEveryModuleAndItsSources() {
        List<String> modules = RepositoryFiles.modules();
        assertThat(modules).containsAll(SERVICES.keySet()).contains("commons", "embedded", "test-support", "launcher");
        assertThat(ROOTS.keySet()).as("every module has its root package here").containsAll(modules);
        for (String service : SERVICES.keySet()) {
            assertThat(javaFiles(service + "/src/main")).as("sources of " + service).isNotEmpty();
        }
        // the reader must see a reference written either way, and not one in a comment or a string
        assertThat(references("import org.civicregistry.events.X; class A { org.civicregistry.gateway.Y y; }"))
                .containsExactly("events", "gateway");
        assertThat(references("/** {@link org.civicregistry.events.X} */ // org.civicregistry.gateway\n"
                + "class A { String s = \"org.civicregistry.officials\"; char c = '\"'; }")).isEmpty();
    }

    /** Every breach, as "{module}/src/{main|test} -> {package}: {file}". */
    static List<String> breaches() {
        List<String> breaches = new ArrayList<>();
        for (String module : RepositoryFiles.modules()) {
            for (String tree : List.of("main", "test")) {
                String sources = module + "/src/" + tree;
                for (String file : javaFiles(sources)) {
                    String text = RepositoryFiles.text(file);
                    String code = withoutCommentsAndStrings(text);
                    Matcher declared = PACKAGE.matcher(code);
                    String own = ROOTS.get(module);
                    if (own != null && (!declared.find() || !declared.group(1).equals(own))) {
                        breaches.add(sources + " -> package outside org.civicregistry." + own + ": " + file);
                    }
                    for (String used : references(code)) {
                        if (!allowed(module, tree, used)) {
                            breaches.add(sources + " -> " + used + ": " + file);
                        }
                    }
                }
            }
        }
        return breaches;
    }

    static boolean allowed(String module, String tree, String used) {
        String own = ROOTS.get(module);
        if (used.equals(own)) {
            return true;
        }
        if (SERVICES.containsValue(used)) {
            return false; // another service's classes
        }
        if (module.equals("commons") || module.equals("embedded")) {
            return false; // they stand alone: the services, the launcher and the tests build on them
        }
        if (used.equals("testsupport")) {
            return tree.equals("test");
        }
        return true;
    }

    static List<String> javaFiles(String under) {
        return RepositoryFiles.all().stream().filter(f -> f.startsWith(under + "/") && f.endsWith(".java")).toList();
    }

    static Set<String> references(String code) {
        Set<String> used = new LinkedHashSet<>();
        Matcher reference = REFERENCE.matcher(withoutCommentsAndStrings(code));
        while (reference.find()) {
            used.add(reference.group(1));
        }
        return used;
    }

    /** The code with comments and string and char literals (text blocks included) blanked out. */
    static String withoutCommentsAndStrings(String java) {
        StringBuilder code = new StringBuilder(java.length());
        int i = 0;
        while (i < java.length()) {
            char c = java.charAt(i);
            if (java.startsWith("//", i)) {
                int end = java.indexOf('\n', i);
                i = end < 0 ? java.length() : end;
            } else if (java.startsWith("/*", i)) {
                int end = java.indexOf("*/", i + 2);
                i = end < 0 ? java.length() : end + 2;
                code.append(' ');
            } else if (java.startsWith("\"\"\"", i)) {
                int end = java.indexOf("\"\"\"", i + 3);
                while (end > 0 && java.charAt(end - 1) == '\\') {
                    end = java.indexOf("\"\"\"", end + 1);
                }
                i = end < 0 ? java.length() : end + 3;
                code.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < java.length() && java.charAt(j) != c && java.charAt(j) != '\n') {
                    j += java.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                code.append(c).append(c);
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }
}
