package org.civicregistry.agreements;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;


import org.civicregistry.testsupport.Problems;
import org.civicregistry.testsupport.Contract;
import org.junit.jupiter.api.Test;

import io.restassured.response.ValidatableResponse;

/** Writers holding the same ETag: exactly one wins, the others are told to re-read (412). Lost updates are impossible. */
@AgreementsTest
class ConcurrencyTest extends SeededTest {

    @Test
    void twoWritersOfAnAgreementWithTheSameEtagOneGets412() throws Exception {
        String id = Api.create(Api.gyeonggiGwangju(w, null));
        for (int round = 1; round <= 3; round++) {
            String etag = Integer.toString(round);
            List<Integer> statuses = race(
                    () -> Api.patch(etag).body("{\"summary\": {\"en\": \"Writer A\"}}").patch(Api.AGREEMENTS + "/" + id).statusCode(),
                    () -> Api.patch(etag).body("{\"summary\": {\"en\": \"Writer B\"}}").patch(Api.AGREEMENTS + "/" + id).statusCode());
            assertThat(statuses).containsExactlyInAnyOrder(200, 412);
            given().get(Api.AGREEMENTS + "/" + id).then().body("version", equalTo(round + 1));
        }
        // two transitions out of signed at once: in force, or terminated, never both
        List<Integer> statuses = race(
                () -> transition(id, "4", "in_force").extract().statusCode(),
                () -> transition(id, "4", "terminated").extract().statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        given().get(Api.AGREEMENTS + "/" + id + "/history").then().body("items.size()", equalTo(5));
        Problems.assertProblem(Api.admin().filter(Contract.responsesOnly()).contentType("application/merge-patch+json")
                .body("{\"summary\": {\"en\": \"x\"}}")
                .patch(Api.AGREEMENTS + "/" + id).then(), 428, "precondition-required");
    }

    @Test
    void twoWritersOfAnItemWithTheSameEtagOneGets412() throws Exception {
        String id = Api.create(Api.gyeonggiGwangju(w, null));
        String item = Api.AGREEMENTS + "/" + id + "/items/3";
        List<Integer> statuses = race(
                () -> Api.patch("1").body("{\"status\": \"in_progress\"}").patch(item).statusCode(),
                () -> Api.patch("1").body("{\"status\": \"dropped\"}").patch(item).statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        // two writers of different items both get in: each item has its own ETag
        statuses = race(
                () -> Api.patch("1").body("{\"status\": \"done\"}").patch(Api.AGREEMENTS + "/" + id + "/items/1").statusCode(),
                () -> Api.patch("1").body("{\"status\": \"done\"}").patch(Api.AGREEMENTS + "/" + id + "/items/2").statusCode());
        assertThat(statuses).containsExactly(200, 200);
        given().get(Api.AGREEMENTS + "/" + id).then().body("version", equalTo(4)).body("items[2].version", equalTo(2));
    }

    /** An initiative has its own ETag, as an item has; reports are appended, so two at once both land. */
    @Test
    void twoWritersOfAnInitiativeOneGets412AndTwoReportersBothGetIn() throws Exception {
        String programme = Programmes.PROGRAMMES + "/" + Programmes.create(Programmes.gwangju2020(w, null));
        String initiative = programme + "/initiatives/2";
        List<Integer> statuses = race(
                () -> Api.patch("1").body("{\"status\": \"on_track\"}").patch(initiative).statusCode(),
                () -> Api.patch("1").body("{\"status\": \"on_hold\"}").patch(initiative).statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        String report = "{\"on\": \"2020-06-30\", \"status\": \"partially_done\"}";
        statuses = race(
                () -> Api.admin().body(report).post(initiative + "/reports").statusCode(),
                () -> Api.admin().body(report).post(initiative + "/reports").statusCode());
        assertThat(statuses).containsExactly(201, 201);
        given().get(initiative).then().body("version", equalTo(4)).body("reports.size()", equalTo(2));
        given().get(programme).then().body("version", equalTo(4));
    }

    private static ValidatableResponse transition(String id, String etag, String to) {
        return Api.admin().header("If-Match", "\"" + etag + "\"").body("{\"to\": \"" + to + "\"}")
                .post(Api.AGREEMENTS + "/" + id + "/transitions").then();
    }

    @SafeVarargs
    private static List<Integer> race(Callable<Integer>... writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = java.util.Arrays.stream(writers).map(writer -> pool.submit(() -> {
                start.await();
                return writer.call();
            })).toList();
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
