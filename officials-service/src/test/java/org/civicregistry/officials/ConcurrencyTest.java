package org.civicregistry.officials;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.civicregistry.testsupport.Contract;
import org.junit.jupiter.api.Test;

/** Two writers holding the same ETag: exactly one wins, the other is told to re-read (412). */
@OfficialsTest
class ConcurrencyTest {

    @Test
    void twoWritersWithTheSameEtagOneGets412() throws Exception {
        String id = Api.person(Api.unique("race"), "경쟁", "Race");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 5; round++) {
                String etag = "\"" + round + "\"";
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<Integer>> writers = List.of(writer(id, etag, "Writer A", start), writer(id, etag, "Writer B", start));
                List<Future<Integer>> results = writers.stream().map(pool::submit).toList();
                start.countDown();
                List<Integer> statuses = results.stream().map(ConcurrencyTest::get).toList();
                assertThat(statuses).containsExactlyInAnyOrder(200, 412);
                given().get("/api/v1/people/" + id).then().body("version", equalTo(round + 1));
            }
        } finally {
            pool.shutdownNow();
        }
        // no If-Match, on purpose: the request breaks the contract, the 428 answer keeps it
        Api.admin().filter(Contract.responsesOnly()).contentType("application/merge-patch+json").body("{\"birthDate\": \"1960\"}")
                .patch("/api/v1/people/" + id).then().statusCode(428).contentType("application/problem+json");
    }

    @Test
    void twoConcurrentHoldersOfOnePostCannotBothGetIn() throws Exception {
        String org = Api.organization(Api.unique("org"), "기관", "Body", "committee", null);
        String post = Api.post(Api.unique("chair"), "위원장", "Chair", "chair", org);
        String a = Api.person(Api.unique("a"), "가", "A");
        String b = Api.person(Api.unique("b"), "나", "B");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = List.of(a, b).stream().map(person -> pool.submit(() -> {
                start.await();
                return Api.admin().body("{\"personId\": \"%s\", \"postId\": \"%s\", \"start\": \"2024-01-01\"}".formatted(person, post))
                        .post("/api/v1/memberships").statusCode();
            })).toList();
            start.countDown();
            assertThat(results.stream().map(ConcurrencyTest::get).toList()).containsExactlyInAnyOrder(201, 409);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Callable<Integer> writer(String id, String etag, String name, CountDownLatch start) {
        return () -> {
            start.await();
            return Api.admin().header("If-Match", etag).contentType("application/merge-patch+json")
                    .body("{\"name\": {\"en\": \"" + name + "\"}}").patch("/api/v1/people/" + id).statusCode();
        };
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
