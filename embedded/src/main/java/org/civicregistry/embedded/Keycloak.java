package org.civicregistry.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keycloak, the platform's embedded OpenID Connect provider, as a process of its own: its Maven
 * Central distribution, bound to loopback, its data in a PostgreSQL database, with the {@code civic}
 * realm imported on first start (docs/deployment.md, Sign-in). The realm has the roles admin, editor
 * and reviewer (in the token's {@code groups} claim), a {@code jurisdictions} user attribute that only
 * an administrator may set (in the {@code jurisdictions} claim), the platform as every token's
 * audience, the editor's public client (authorization code with PKCE), a command-line client for the
 * demo accounts and a client-credentials client for machine integrations.
 *
 * <p>The demo accounts' passwords and the integration client's secret are made once per state
 * directory, readable only by its owner, and read back by {@link #connect(Path)} (the
 * {@code ./civic token} command).
 */
public final class Keycloak implements AutoCloseable {

    public static final String REALM = "civic";
    /** Every token's {@code aud}: what the services check ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "civic-registry";
    public static final String EDITOR_CLIENT = "civic-editor";
    public static final String CLI_CLIENT = "civic-cli";
    public static final String INTEGRATION_CLIENT = "civic-integration";
    /** The integration client's own account: it writes for this jurisdiction. */
    public static final Account INTEGRATION = new Account("service-account-" + INTEGRATION_CLIENT, "editor", List.of("gwangju"),
            "Integration", "Gwangju");

    /** One demo staff account: its realm role and the organization slugs it keeps. */
    public record Account(String username, String role, List<String> jurisdictions, String firstName, String lastName) {

        String email() {
            return username + "@civic.localhost";
        }
    }

    public static final List<Account> DEMO_ACCOUNTS = List.of(
            new Account("civic-admin", "admin", List.of(), "Civic", "Admin"),
            new Account("gwangju-editor", "editor", List.of("gwangju"), "Gwangju", "Editor"),
            new Account("gwangju-reviewer", "reviewer", List.of("gwangju"), "Gwangju", "Reviewer"),
            new Account("gyeonggi-editor", "editor", List.of("gyeonggi"), "Gyeonggi", "Editor"));

    private static final String STATE_FILE = "keycloak.properties";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final Path stateDir;
    private final Properties state;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Path log;

    private Keycloak(Path stateDir, Properties state) {
        this.stateDir = stateDir;
        this.state = state;
    }

    /**
     * Starts the distribution unpacked at {@code distribution} with the JDK at {@code javaHome} (21 or
     * newer) on {@code 127.0.0.1:port}, its data in the database of {@code jdbcUrl}; the process's
     * output goes to {@code log}. {@link #awaitReady} waits for it.
     *
     * @param editorOrigins where the editor runs ({@code http://localhost:8080}): its sign-in may return there
     */
    public static Keycloak start(Path distribution, Path javaHome, Path stateDir, int port, String jdbcUrl, String dbUser,
            String dbPassword, List<String> editorOrigins, Path log) {
        try {
            Properties state = secrets(stateDir);
            String origin = "http://127.0.0.1:" + port;
            state.setProperty("issuer", origin + "/realms/" + REALM);
            store(stateDir, state);
            Keycloak keycloak = new Keycloak(stateDir, state);
            Path imports = Files.createDirectories(distribution.resolve("data/import"));
            Files.writeString(imports.resolve(REALM + "-realm.json"), keycloak.realm(editorOrigins));
            List<String> command = List.of(distribution.resolve("bin/kc.sh").toString(), "start", "--import-realm",
                    "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=" + origin,
                    // one node: no cluster discovery on the network, and no management port
                    "--cache=local", "--health-enabled=false", "--metrics-enabled=false",
                    "--db=postgres", "--db-url=" + jdbcUrl, "--db-username=" + dbUser, "--db-password=" + dbPassword,
                    "--db-pool-max-size=10");
            ProcessBuilder builder = new ProcessBuilder(command).directory(distribution.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> environment = builder.environment();
            environment.put("JAVA_HOME", javaHome.toString());
            // Without this Keycloak takes 70 % of the machine's memory for its heap.
            environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            // JBoss Threads resets thread locals through reflection, refused on JDK 24+ without this.
            environment.put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
            environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", state.getProperty("admin"));
            keycloak.process = builder.start();
            keycloak.log = log;
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Keycloak from " + distribution, e);
        }
    }

    /** The distribution the build unpacked into {@code directory} (as {@code keycloak-<version>}). */
    public static Path distribution(Path directory) {
        try (var dirs = Files.list(directory)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-") && Files.isRegularFile(d.resolve("bin/kc.sh")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("No Keycloak distribution in " + directory
                            + ": the build unpacks it there (./mvnw install)"));
        } catch (IOException e) {
            throw new IllegalStateException("No Keycloak distribution in " + directory + ": the build unpacks it there (./mvnw install)", e);
        }
    }

    /** The provider {@link #start started} with this state directory, for its tokens. */
    public static Keycloak connect(Path stateDir) {
        Path file = stateDir.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No Keycloak was started with " + stateDir + " (./civic up starts it)");
        }
        return new Keycloak(stateDir, load(file));
    }

    /** Waits until the realm answers its discovery document (the first start also builds and imports: about a minute). */
    public void awaitReady(Duration timeout) throws InterruptedException {
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not answer " + discovery.uri() + " within " + timeout
                + (log == null ? "" : "; see " + log));
    }

    /** The realm's URL: every token's {@code iss}. */
    public String issuer() {
        return state.getProperty("issuer");
    }

    /** Where the realm's public keys are: what the services verify signatures with. */
    public String jwksUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** Where the passwords and the secret are kept (owner-readable only). */
    public Path stateFile() {
        return stateDir.resolve(STATE_FILE);
    }

    /** The password of {@code admin} in the {@code master} realm: Keycloak's own administration console. */
    public String adminPassword() {
        return state.getProperty("admin");
    }

    public String password(Account account) {
        return state.getProperty("password." + account.username());
    }

    public String integrationSecret() {
        return state.getProperty("secret." + INTEGRATION_CLIENT);
    }

    /** An access token of a demo account, from the provider (the command-line client's password grant). */
    public String token(Account account) throws IOException, InterruptedException {
        return requestToken(Map.of("grant_type", "password", "client_id", CLI_CLIENT, "username", account.username(),
                "password", password(account), "scope", "openid"));
    }

    /** An access token of the integration client (client credentials). */
    public String integrationToken() throws IOException, InterruptedException {
        return requestToken(Map.of("grant_type", "client_credentials", "client_id", INTEGRATION_CLIENT,
                "client_secret", integrationSecret()));
    }

    /** The demo account with this role (and, but for admin, this jurisdiction). */
    public static Account account(String role, String jurisdiction) {
        return DEMO_ACCOUNTS.stream()
                .filter(a -> a.role().equals(role) && (a.jurisdictions().isEmpty() || a.jurisdictions().contains(jurisdiction)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No demo account has the role " + role
                        + (jurisdiction == null ? "" : " in " + jurisdiction) + "; there are: " + DEMO_ACCOUNTS.stream()
                                .map(a -> a.role() + (a.jurisdictions().isEmpty() ? "" : " " + a.jurisdictions()))
                                .collect(Collectors.joining(", "))));
    }

    private String requestToken(Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IOException("Keycloak refused a token (" + response.statusCode() + "): " + response.body());
        }
        return token.group(1);
    }

    /** Stops the process (the start script and the JVM it runs). */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
            }
        }
    }

    /**
     * The newest JDK of 21 or later to run Keycloak with: {@code CIVIC_KEYCLOAK_JAVA_HOME}, this JVM,
     * {@code JAVA_HOME}, or one under the usual install directories; null if there is none.
     */
    public static Path findJava(String configured) {
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        candidates.add(Path.of(System.getProperty("java.home")));
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            candidates.add(Path.of(javaHome));
        }
        for (String root : List.of("/usr/lib/jvm", "/Library/Java/JavaVirtualMachines", System.getProperty("user.home") + "/.sdkman/candidates/java")) {
            try (var dirs = Files.list(Path.of(root))) {
                dirs.sorted(Comparator.reverseOrder()).forEach(dir -> {
                    candidates.add(dir);
                    candidates.add(dir.resolve("Contents/Home"));
                });
            } catch (IOException absent) {
                // not on this machine
            }
        }
        return candidates.stream().filter(Keycloak::isJava21OrLater).findFirst().orElse(null);
    }

    private static boolean isJava21OrLater(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
            return false;
        }
        try {
            Matcher version = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
            return version.find() && Integer.parseInt(version.group(1)) >= 21;
        } catch (IOException | NumberFormatException unreadable) {
            return false;
        }
    }

    private String realm(List<String> editorOrigins) throws IOException {
        List<String> users = new ArrayList<>();
        for (Account account : DEMO_ACCOUNTS) {
            users.add(user(account, "\"credentials\": [{\"type\": \"password\", \"value\": " + json(password(account))
                    + ", \"temporary\": false}]"));
        }
        users.add(user(INTEGRATION, "\"serviceAccountClientId\": " + json(INTEGRATION_CLIENT)));
        String redirects = editorOrigins.stream().map(o -> json(o + "/editor/*")).collect(Collectors.joining(", ", "[", "]"));
        return resource("civic-realm.json")
                .replace("\"@USER_PROFILE@\"", json(resource("civic-user-profile.json")))
                .replace("@MAPPERS@", resource("civic-token-mappers.json"))
                .replace("@EDITOR_REDIRECTS@", redirects)
                .replace("@INTEGRATION_SECRET@", integrationSecret())
                .replace("@USERS@", users.stream().collect(Collectors.joining(",\n", "[\n", "\n]")));
    }

    /** A user of the realm; the realm's default roles let staff keep their own profile and password. */
    private static String user(Account account, String login) {
        return """
                {"username": %s, "enabled": true, "emailVerified": true, "email": %s, "firstName": %s, "lastName": %s,
                 "attributes": {"jurisdictions": %s}, "realmRoles": [%s, %s], %s}"""
                .formatted(json(account.username()), json(account.email()), json(account.firstName()), json(account.lastName()),
                        account.jurisdictions().stream().map(Keycloak::json).collect(Collectors.joining(", ", "[", "]")),
                        json(account.role()), json("default-roles-" + REALM), login);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Keycloak.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A JSON string of {@code value} (quotes, backslashes and control characters escaped). */
    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    /** The passwords and the client secret of this state directory, made on first use. */
    private static Properties secrets(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        Path file = stateDir.resolve(STATE_FILE);
        Properties state = Files.isRegularFile(file) ? load(file) : new Properties();
        state.putIfAbsent("admin", secret());
        for (Account account : DEMO_ACCOUNTS) {
            state.putIfAbsent("password." + account.username(), secret());
        }
        state.putIfAbsent("secret." + INTEGRATION_CLIENT, secret());
        return state;
    }

    private static void store(Path stateDir, Properties state) throws IOException {
        Path file = stateDir.resolve(STATE_FILE);
        if (!Files.exists(file)) {
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the directory's own permissions apply
            }
        }
        try (var out = Files.newBufferedWriter(file)) {
            state.store(out, "Keycloak of ./civic up: the demo accounts' passwords and the integration client's secret");
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String secret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
