package org.civicregistry.testsupport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import javax.sql.DataSource;

/** What the generated bad-input tests of every module expect of a fuzzer's run. */
public final class FuzzRuns {

    private FuzzRuns() {
    }

    /**
     * Runs the fuzzer as {@code settings} say (an admin's token), counting the rows of every table but
     * {@code excluded}; asserts a clean full run that dropped or emptied no table, and returns it.
     */
    public static ApiFuzzer.Result assertCleanAdminRun(ApiFuzzer.Settings settings, DataSource dataSource, Set<String> excluded)
            throws Exception {
        RowCounts rows = new RowCounts(dataSource, excluded);
        ApiFuzzer.Result result = new ApiFuzzer(settings.rows(rows)).run();
        assertCleanFullRun(result);
        rows.assertEveryTableStillThere();
        return result;
    }

    /**
     * Runs 3,000 of the fuzzer's requests as {@code settings} say (an editor of no record's
     * jurisdiction) and asserts that every write was refused and changed no row of any table but
     * {@code excluded}.
     */
    public static void assertEditorChangesNothing(ApiFuzzer.Settings settings, DataSource dataSource, Set<String> excluded)
            throws Exception {
        RowCounts rows = new RowCounts(dataSource, excluded);
        long[] before = rows.count();
        assertEveryWriteRefused(new ApiFuzzer(settings.requests(3_000).rows(rows)).run(), rows, before);
    }

    /** An admin's full run: no answer broke a rule, and it sent at least 10,000 requests. */
    public static void assertCleanFullRun(ApiFuzzer.Result result) {
        assertThat(result.failures()).as(result.summary()).isEmpty();
        assertThat(result.requests()).isGreaterThanOrEqualTo(10_000);
    }

    /**
     * The run of an editor of no record's jurisdiction: no answer broke a rule, no write was accepted
     * (and more than 300 were tried), and no table gained, lost or changed a row since {@code before}.
     */
    public static void assertEveryWriteRefused(ApiFuzzer.Result result, RowCounts rows, long[] before) {
        assertThat(result.failures()).as(result.summary()).isEmpty();
        assertThat(result.writesAccepted()).as(result.summary()).isZero();
        assertThat(result.writesRejected()).isGreaterThan(300);
        rows.assertUnchangedSince(before);
    }

    /**
     * Creates one record to aim the fuzzer's paths at, with a plain client (the fuzzer's own checks
     * apply, not the contract filter); returns the created record's JSON.
     */
    public static String create(URI base, String path, String adminToken, String body) throws IOException, InterruptedException {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created.body();
    }
}
