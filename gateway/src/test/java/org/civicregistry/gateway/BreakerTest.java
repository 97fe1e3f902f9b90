package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.civicregistry.embedded.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;

/**
 * The circuit breaker gives back every permit, whatever the upstream answers: one that fails into
 * the half-open state and then answers 502 or 504 itself (a proxy of its own in front of it) sends
 * the breaker back to open, and once it answers again the breaker closes. A permit lost there
 * kept the breaker half-open, answering 503 to everyone, for good.
 */
@GatewayTest
@TestProfile(BreakerTest.TrialUpstream.class)
class BreakerTest {

    /**
     * What the "trial" upstream answers to every request: a system property, since the profile that
     * starts the upstream and the test run in different class loaders.
     */
    static final String STATUS = "civic.test.trial-status";
    static Vertx vertx;
    static int port;

    /** An upstream of its own whose answers the test sets, and a breaker that stays open 1 s. */
    public static class TrialUpstream implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (vertx != null) {
                return overrides();
            }
            port = FreePorts.next();
            vertx = Vertx.vertx();
            try {
                vertx.createHttpServer().requestHandler(request -> request.response().setStatusCode(Integer.getInteger(STATUS, 200))
                        .putHeader("Content-Type", "application/json").end("{}")).listen(port).toCompletionStage().toCompletableFuture().get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return overrides();
        }

        private static Map<String, String> overrides() {
            return Map.of("civic.gateway.upstreams.trial.url", "http://localhost:" + port,
                    "civic.gateway.upstreams.trial.paths", "/api/v1/trials",
                    "civic.gateway.circuit-breaker.open-for", "1s");
        }
    }

    @AfterAll
    static void stopUpstream() {
        if (vertx != null) {
            vertx.close();
        }
    }

    /** Not through RestAssured: the trial route is in no published document, on purpose. */
    static int get() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/v1/trials"))
                .header("X-Forwarded-For", Client.randomAddress()).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @ParameterizedTest
    @ValueSource(ints = { 502, 504 })
    void anUpstreamAnsweringItselfWithABadGatewayInTheHalfOpenStateReopensTheBreakerThenItCloses(int answer) throws Exception {
        System.setProperty(STATUS, String.valueOf(500));
        // failures open it (how many depends on what the window still holds from before)
        int status = 500;
        for (int i = 0; i < 10 && status == 500; i++) {
            status = get();
        }
        assertThat(status).as("open").isEqualTo(503);

        System.setProperty(STATUS, String.valueOf(answer));
        // half-open after 1 s: both trial calls reach the upstream and fail
        await().atMost(Duration.ofSeconds(5)).until(() -> get() == answer);
        assertThat(get()).isIn(answer, 503);

        System.setProperty(STATUS, String.valueOf(200));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> get() == 200);
        for (int i = 0; i < 6; i++) {
            assertThat(get()).as("closed again").isEqualTo(200);
        }
    }
}
