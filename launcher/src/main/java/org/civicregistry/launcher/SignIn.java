package org.civicregistry.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who signs writers in on the platform {@code ./civic up} runs: the embedded Keycloak (the default),
 * or, where no JDK 21+ is found or {@code CIVIC_SIGN_IN=local-key}, a key pair of this
 * {@code CIVIC_HOME} that only the launcher and {@code ./civic token} sign with.
 */
interface SignIn {

    /** What each service is told about tokens: where the keys are, and the issuer. */
    Map<String, String> serviceEnvironment();

    /**
     * A token for {@code role} ({@code admin}, {@code editor}, {@code reviewer}); an editor's or
     * reviewer's for {@code jurisdiction}.
     */
    String token(String role, String jurisdiction) throws Exception;

    /** A token of the machine-integration client (client credentials). */
    String integrationToken() throws Exception;

    /** Lines for the start banner: where to sign in, and with which accounts. */
    String describe();

    /** Stops what it started. */
    void close();

    /** The sign-in a running platform uses, as the launcher left it in {@code home}: for {@code ./civic token}. */
    static SignIn of(Path home) throws Exception {
        Path mode = home.resolve(MODE_FILE);
        if (!Files.isRegularFile(mode)) {
            throw new IllegalStateException("Civic Registry has not been started with " + home + " (./civic up)");
        }
        return switch (Files.readString(mode).strip()) {
            case KeycloakSignIn.MODE -> KeycloakSignIn.connect(home);
            case LocalKeySignIn.MODE -> LocalKeySignIn.of(home);
            default -> throw new IllegalStateException(mode + " names no sign-in this launcher knows");
        };
    }

    String MODE_FILE = "sign-in";
}
