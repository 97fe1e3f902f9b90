package org.civicregistry.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The sign-in without a provider, and how {@code ./civic token} finds the running platform's. */
class SignInTest {

    @TempDir
    Path home;

    @Test
    void aLocalKeyTokenCarriesRoleJurisdictionAndAudienceAndVerifiesWithThePublicKey() throws Exception {
        LocalKeySignIn signIn = LocalKeySignIn.of(home);
        String token = signIn.token("editor", "gwangju");

        String[] parts = token.split("\\.");
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.path("groups").toString()).isEqualTo("[\"editor\"]");
        assertThat(claims.path("jurisdictions").toString()).isEqualTo("[\"gwangju\"]");
        assertThat(claims.path("aud").asText()).isEqualTo(signIn.serviceEnvironment().get("MP_JWT_VERIFY_ISSUER"));

        String pem = Files.readString(home.resolve("keys/public-key.pem")).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem))));
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void theKeyPairIsMadeOnceAndOnlyItsOwnerReadsThePrivateKey() throws Exception {
        LocalKeySignIn.of(home);
        String first = Files.readString(home.resolve("keys/public-key.pem"));
        LocalKeySignIn.of(home);

        assertThat(Files.readString(home.resolve("keys/public-key.pem"))).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(home.resolve("keys/private-key.pem")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void tokensComeFromTheSignInTheLauncherRecorded() throws Exception {
        assertThatThrownBy(() -> SignIn.of(home)).isInstanceOf(IllegalStateException.class).hasMessageContaining("./civic up");

        Files.writeString(home.resolve(SignIn.MODE_FILE), LocalKeySignIn.MODE + "\n");
        assertThat(SignIn.of(home)).isInstanceOf(LocalKeySignIn.class);

        Files.writeString(home.resolve(SignIn.MODE_FILE), "ldap");
        assertThatThrownBy(() -> SignIn.of(home)).isInstanceOf(IllegalStateException.class).hasMessageContaining("no sign-in");
    }

    @Test
    void theLocalKeyHasNoIntegrationClient() throws Exception {
        assertThatThrownBy(() -> LocalKeySignIn.of(home).integrationToken()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--role");
    }
}
