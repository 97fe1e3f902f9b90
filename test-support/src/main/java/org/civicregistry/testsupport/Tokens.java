package org.civicregistry.testsupport;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signed tokens (RS256, issuer {@code civic-registry}) for tests, made with the test key pair in
 * this jar ({@code civic-test-private-key.pem}; the services verify with {@code civic-test-public-key.pem}).
 */
public final class Tokens {

    public static final String ISSUER = "civic-registry";
    public static final String PRIVATE_KEY = "civic-test-private-key.pem";

    private Tokens() {
    }

    public static String admin() {
        return builder("admin@civic-registry.test", Set.of("admin")).sign(PRIVATE_KEY);
    }

    public static String editor(String... jurisdictions) {
        return builder("editor-" + String.join("-", jurisdictions) + "@civic-registry.test", Set.of("editor"))
                .claim("jurisdictions", List.of(jurisdictions))
                .sign(PRIVATE_KEY);
    }

    /** A token with no writing role. */
    public static String reader() {
        return builder("reader@civic-registry.test", Set.of("reader")).sign(PRIVATE_KEY);
    }

    public static String expiredAdmin() {
        Instant past = Instant.now().minusSeconds(7200);
        return Jwt.issuer(ISSUER).upn("admin@civic-registry.test").groups(Set.of("admin"))
                .issuedAt(past).expiresAt(past.plusSeconds(600)).sign(PRIVATE_KEY);
    }

    public static String adminFromIssuer(String issuer) {
        return Jwt.issuer(issuer).upn("admin@civic-registry.test").groups(Set.of("admin")).sign(PRIVATE_KEY);
    }

    public static JwtClaimsBuilder builder(String subject, Set<String> groups) {
        return Jwt.issuer(ISSUER).upn(subject).subject(subject).groups(groups).expiresIn(3600);
    }
}
