package org.civicregistry.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signed tokens (RS256, issuer {@code civic-registry}) for tests, made with the test key pair in
 * this jar ({@code civic-test-private-key.pem}; the services verify with {@code civic-test-public-key.pem}).
 */
public final class Tokens {

    public static final String ISSUER = "civic-registry";
    /** The audience the services require ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "civic-registry";
    public static final String PRIVATE_KEY = "civic-test-private-key.pem";
    public static final String PUBLIC_KEY = "civic-test-public-key.pem";

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
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn("admin@civic-registry.test").groups(Set.of("admin"))
                .issuedAt(past).expiresAt(past.plusSeconds(600)).sign(PRIVATE_KEY);
    }

    public static String adminFromIssuer(String issuer) {
        return Jwt.issuer(issuer).audience(AUDIENCE).upn("admin@civic-registry.test").groups(Set.of("admin")).sign(PRIVATE_KEY);
    }

    /** A valid admin token meant for another service (its {@code aud} is not the platform's). */
    public static String adminForOtherAudience() {
        return Jwt.issuer(ISSUER).audience("some-other-api").upn("admin@civic-registry.test").subject("admin@civic-registry.test")
                .groups(Set.of("admin")).expiresIn(3600).sign(PRIVATE_KEY);
    }

    /** An admin token issued 13 hours ago and still unexpired: older than the 12 hours the services accept. */
    public static String tooOldAdmin() {
        Instant issued = Instant.now().minusSeconds(13 * 3600);
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn("admin@civic-registry.test").subject("admin@civic-registry.test")
                .groups(Set.of("admin")).issuedAt(issued).expiresAt(Instant.now().plusSeconds(3600)).sign(PRIVATE_KEY);
    }

    /** An admin token whose nbf and iat lie an hour ahead: not valid yet. */
    public static String notYetValid() {
        Instant future = Instant.now().plusSeconds(3600);
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn("admin@civic-registry.test").subject("admin@civic-registry.test")
                .groups(Set.of("admin")).issuedAt(future).claim("nbf", future.getEpochSecond()).expiresAt(future.plusSeconds(3600)).sign(PRIVATE_KEY);
    }

    /** A well-formed RS256 admin token signed with a key pair the services have never seen. */
    public static String signedWithOtherKey() {
        return builder("admin@civic-registry.test", Set.of("admin")).sign(OtherKey.PAIR.getPrivate());
    }

    /** An admin token with {@code alg: none} and no signature, built by hand (libraries refuse to). */
    public static String algNone() {
        return unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}") + ".";
    }

    /**
     * An admin token signed HS256 with the services' public key (its PEM text) as the HMAC secret: the
     * algorithm-confusion attack on verifiers that take the algorithm from the token. Built by hand.
     */
    public static String hs256WithPublicKey() {
        String signingInput = unsigned("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream(PUBLIC_KEY)) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(in.readAllBytes(), "HmacSHA256"));
            return signingInput + "." + base64Url(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64url header and admin claims (valid issuer and times), joined by a dot, without a signature. */
    private static String unsigned(String header) {
        long now = Instant.now().getEpochSecond();
        String claims = ("{\"iss\":\"%s\",\"aud\":\"%s\",\"sub\":\"admin@civic-registry.test\",\"upn\":\"admin@civic-registry.test\","
                + "\"groups\":[\"admin\"],\"iat\":%d,\"exp\":%d,\"jti\":\"%s\"}").formatted(ISSUER, AUDIENCE, now, now + 3600,
                        java.util.UUID.randomUUID());
        return base64Url(header.getBytes(StandardCharsets.UTF_8)) + "." + base64Url(claims.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A second RSA key pair, made once per JVM. */
    private static final class OtherKey {
        static final KeyPair PAIR;
        static {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                PAIR = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    public static JwtClaimsBuilder builder(String subject, Set<String> groups) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn(subject).subject(subject).groups(groups).expiresIn(3600);
    }
}
