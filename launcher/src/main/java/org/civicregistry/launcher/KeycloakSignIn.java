package org.civicregistry.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.civicregistry.embedded.Keycloak;

/** Sign-in through the embedded Keycloak: the platform trusts the {@code civic} realm's keys and issuer. */
final class KeycloakSignIn implements SignIn {

    static final String MODE = "keycloak";

    private final Keycloak keycloak;

    private KeycloakSignIn(Keycloak keycloak) {
        this.keycloak = keycloak;
    }

    /** Keycloak as started by the launcher (not waited for: {@link #awaitReady}). */
    static KeycloakSignIn of(Keycloak keycloak) {
        return new KeycloakSignIn(keycloak);
    }

    static KeycloakSignIn connect(Path home) {
        return new KeycloakSignIn(Keycloak.connect(stateDir(home)));
    }

    static Path stateDir(Path home) {
        return home.resolve("keycloak");
    }

    void awaitReady() throws InterruptedException {
        keycloak.awaitReady(Duration.ofSeconds(180));
    }

    @Override
    public Map<String, String> serviceEnvironment() {
        return Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keycloak.jwksUri(), "MP_JWT_VERIFY_ISSUER", keycloak.issuer());
    }

    @Override
    public String token(String role, String jurisdiction) throws Exception {
        return keycloak.token(Keycloak.account(role, jurisdiction));
    }

    @Override
    public String integrationToken() throws Exception {
        return keycloak.integrationToken();
    }

    @Override
    public String describe() {
        String accounts = Keycloak.DEMO_ACCOUNTS.stream()
                .map(a -> String.format("                    %-17s %-9s %-9s password %s", a.username(), a.role(),
                        String.join(",", a.jurisdictions()), keycloak.password(a)))
                .collect(Collectors.joining("\n"));
        return """
                  Sign-in         Keycloak, realm %1$s (account console %1$s/account)
                  Administration  %7$s/admin (user admin, password %8$s): staff, roles, jurisdictions
                  Staff accounts  (passwords also in %2$s)
                %3$s
                  Integration     client %4$s, secret %5$s (client credentials; editor of %6$s)
                """.formatted(keycloak.issuer(), keycloak.stateFile(), accounts, Keycloak.INTEGRATION_CLIENT,
                keycloak.integrationSecret(), String.join(",", Keycloak.INTEGRATION.jurisdictions()),
                keycloak.issuer().replace("/realms/" + Keycloak.REALM, ""), keycloak.adminPassword());
    }

    @Override
    public void close() {
        keycloak.close();
    }
}
