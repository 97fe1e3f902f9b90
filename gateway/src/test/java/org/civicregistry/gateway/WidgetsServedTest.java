package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The widgets' script is written in {@code widgets/src/} and built into the gateway's static
 * resources: a municipal page embeds it from {@code /widgets/civic-registry.js}, so that address
 * must keep serving exactly the file in the repository.
 */
@GatewayTest
class WidgetsServedTest {

    static final Path SOURCE = Path.of("..", "widgets", "src", "civic-registry.js");

    @Test
    void theWidgetScriptIsServedAtItsPublishedAddressAsWrittenInWidgetsSrc() throws IOException {
        byte[] served = Client.anyone().get("/widgets/civic-registry.js").then().statusCode(200)
                .contentType(containsString("javascript")).extract().asByteArray();
        assertThat(served).as("the gateway serves widgets/src/civic-registry.js unchanged").isEqualTo(Files.readAllBytes(SOURCE));
        assertThat(new String(served, StandardCharsets.UTF_8)).contains("customElements.define(\"civic-events\"");
    }

    @Test
    void theDemoPageLoadsTheScriptFromTheGatewayItself() {
        Client.anyone().get("/demo/").then().statusCode(200).body(containsString("src=\"../widgets/civic-registry.js\""));
    }
}
