package org.civicregistry.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Sign-in without a provider: a key pair made once per {@code CIVIC_HOME} ({@code keys/}); the
 * services verify with its public key, and only whoever can read the private key mints tokens. For
 * machines without a JDK 21+ for Keycloak, and for the benchmarks, which measure the API, not the
 * provider.
 */
final class LocalKeySignIn implements SignIn {

    static final String MODE = "local-key";
    private static final String ISSUER = "civic-registry";

    private final Path keys;

    private LocalKeySignIn(Path keys) {
        this.keys = keys;
    }

    /** The key pair of {@code home}, made if it is not there yet. */
    static LocalKeySignIn of(Path home) throws Exception {
        Path dir = Files.createDirectories(home.resolve("keys"));
        if (!Files.exists(dir.resolve("public-key.pem"))) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            // Whoever reads the private key can write anything: only the account that runs the platform may.
            Path privateKey = Files.createFile(dir.resolve("private-key.pem"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(dir.resolve("public-key.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        return new LocalKeySignIn(dir);
    }

    @Override
    public Map<String, String> serviceEnvironment() {
        return Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.resolve("public-key.pem").toUri().toString(),
                "MP_JWT_VERIFY_ISSUER", ISSUER);
    }

    @Override
    public String token(String role, String jurisdiction) throws Exception {
        // The services accept tokens for their audience issued at most 12 hours ago (mp.jwt.verify.token.age).
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).audience(ISSUER).upn(role + "@localhost").groups(Set.of(role))
                .expiresIn(Duration.ofHours(12));
        if (jurisdiction != null) {
            claims.claim("jurisdictions", List.of(jurisdiction));
        }
        return claims.sign(privateKey());
    }

    @Override
    public String integrationToken() {
        throw new IllegalStateException("Without Keycloak there is no integration client: ask for a role instead (--role)");
    }

    @Override
    public String describe() {
        return "  Sign-in         a local key pair (" + keys + "): ./civic token mints tokens with it\n";
    }

    @Override
    public void close() {
        // nothing runs
    }

    private PrivateKey privateKey() throws Exception {
        String pem = Files.readString(keys.resolve("private-key.pem")).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
