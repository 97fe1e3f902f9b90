package org.civicregistry.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.civicregistry.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/** Two writers holding the same ETag: exactly one wins, the other is told to re-read (412); nothing is lost. */
@EventsTest
class ConcurrencyTest {

    @Test
    void twoEditorsWithTheSameEtagOneGets412() throws Exception {
        String id = Api.event(World.get().gwangju).create();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 3; round++) {
                int etag = round;
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<Integer>> writers = List.of(
                        () -> patch(start, id, etag, "{\"title\": {\"en\": \"Writer A\"}}"),
                        () -> patch(start, id, etag, "{\"title\": {\"en\": \"Writer B\"}}"));
                List<Future<Integer>> results = writers.stream().map(pool::submit).toList();
                start.countDown();
                assertThat(results.stream().map(ConcurrencyTest::get).toList()).containsExactlyInAnyOrder(200, 412);
                given().get("/api/v1/events/" + id).then().body("version", equalTo(round + 1));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCancellationAndACompletionRacingOnlyOneHappens() throws Exception {
        String id = Api.event(World.get().gwangju).type("launch_ceremony")
                .title("균형발전위원회 광주광역시 출범식 및 정책발표회", "Launch and policy presentation of the Balanced Development Committee in Gwangju")
                .starts("2022-01-18T14:00:00+09:00").create();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = List.of("cancelled", "completed").stream().map(to -> pool.submit(() -> {
                start.await();
                return Api.admin().header("If-Match", "\"1\"").body("{\"to\": \"" + to + "\"}")
                        .post("/api/v1/events/" + id + "/transitions").statusCode();
            })).toList();
            start.countDown();
            assertThat(results.stream().map(ConcurrencyTest::get).toList()).containsExactlyInAnyOrder(200, 412);
        } finally {
            pool.shutdownNow();
        }
        Response history = given().get("/api/v1/events/" + id + "/history");
        List<String> types = history.jsonPath().getList("items.type", String.class);
        assertThat(types).hasSize(2).first().isEqualTo("civic.event.scheduled");
        String status = given().get("/api/v1/events/" + id).path("status");
        assertThat(types.get(1)).isEqualTo("civic.event." + status);
    }

    private static int patch(CountDownLatch start, String id, int etag, String body) throws InterruptedException {
        start.await();
        return Api.mergePatch(Tokens.admin(), etag).body(body).patch("/api/v1/events/" + id).statusCode();
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
