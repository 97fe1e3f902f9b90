package org.civicregistry.commons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.reflect.Proxy;

import jakarta.ws.rs.core.HttpHeaders;

import org.civicregistry.commons.http.Versions;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.junit.jupiter.api.Test;

/** If-Match against a record's version: the rule that makes lost updates impossible. */
class VersionsTest {

    @Test
    void ifMatchMustNameTheCurrentVersion() {
        assertThatCode(() -> Versions.requireMatch(ifMatch("\"3\""), 3)).doesNotThrowAnyException();
        assertThatCode(() -> Versions.requireMatch(ifMatch("W/\"3\""), 3)).doesNotThrowAnyException();
        assertThatCode(() -> Versions.requireMatch(ifMatch("\"3-ko\""), 3)).as("a language view's tag").doesNotThrowAnyException();
        assertThatCode(() -> Versions.requireMatch(ifMatch("\"1\", \"3\""), 3)).doesNotThrowAnyException();
        assertThatCode(() -> Versions.requireMatch(ifMatch("*"), 3)).doesNotThrowAnyException();
        assertThat(problem(ifMatch("\"2\""), 3)).isEqualTo(ProblemType.PRECONDITION_FAILED);
        assertThat(problem(ifMatch("\"33\""), 3)).isEqualTo(ProblemType.PRECONDITION_FAILED);
        assertThat(problem(ifMatch(null), 3)).isEqualTo(ProblemType.PRECONDITION_REQUIRED);
        assertThat(problem(ifMatch(" "), 3)).isEqualTo(ProblemType.PRECONDITION_REQUIRED);
        assertThat(Versions.etag(3, "en").getValue()).isEqualTo("3-en");
    }

    private static ProblemType problem(HttpHeaders headers, int version) {
        try {
            Versions.requireMatch(headers, version);
        } catch (ProblemException e) {
            return e.type();
        }
        throw new AssertionError("If-Match " + headers.getHeaderString(HttpHeaders.IF_MATCH) + " passed against version " + version);
    }

    private static HttpHeaders ifMatch(String value) {
        return (HttpHeaders) Proxy.newProxyInstance(VersionsTest.class.getClassLoader(), new Class<?>[] { HttpHeaders.class },
                (proxy, method, args) -> method.getName().equals("getHeaderString") && HttpHeaders.IF_MATCH.equals(args[0]) ? value : null);
    }
}
