package org.civicregistry.agreements;

import static io.restassured.RestAssured.given;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.civicregistry.testsupport.AuthorizationMatrix;
import org.civicregistry.testsupport.Caller;
import org.civicregistry.testsupport.Caller.Access;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.agroal.api.AgroalDataSource;

/**
 * Every write operation × every kind of caller: no token, expired, not yet valid, signed with another
 * key, another issuer, {@code alg: none}, HS256 keyed with the public key, an editor of another
 * jurisdiction (Jeonbuk), an editor of a party's (or a programme owner's) jurisdiction (Gyeonggi), an
 * admin. Exactly the expected status, and a refused write leaves the agreement and its items, or the
 * programme and its initiatives, as they were.
 */
@AgreementsTest
class AuthorizationMatrixTest {

    private static World world;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void seed() {
        synchronized (AuthorizationMatrixTest.class) {
            if (world == null) {
                world = new World(dataSource);
            }
        }
    }

    /**
     * One write, ready to send. When refused, {@code unchanged} must still read at version 1 and
     * {@code absent} must not exist (404) or list nothing.
     */
    record Prepared(String method, String path, String contentType, String body, String ifMatch, int success, String changed,
            String unchanged, String absent) implements AuthorizationMatrix.Write {
        @Override
        public Access access() {
            return Access.JURISDICTION;
        }
    }

    enum Write {
        CREATE_AGREEMENT(w -> {
            String slug = Api.unique("matrix");
            return new Prepared("POST", Api.AGREEMENTS, "application/json", Api.gyeonggiGwangju(w, slug).toString(), null, 201, null,
                    null, Api.AGREEMENTS + "?slug=" + slug);
        }),
        REPLACE_AGREEMENT(w -> agreementWrite(w, "PUT", "", "application/json", Api.gyeonggiGwangju(w, null).put("kind", "mou").toString())),
        PATCH_AGREEMENT(w -> agreementWrite(w, "PATCH", "", "application/merge-patch+json", "{\"kind\": \"mou\"}")),
        ARCHIVE_AGREEMENT(w -> agreementWrite(w, "DELETE", "", null, null)),
        TRANSITION_AGREEMENT(w -> agreementWrite(w, "POST", "/transitions", "application/json", "{\"to\": \"in_force\"}")),
        ADD_ITEM(w -> {
            String agreement = Api.AGREEMENTS + "/" + Api.create(Api.gyeonggiGwangju(w, null));
            return new Prepared("POST", agreement + "/items", "application/json", Api.item(9, "새 항목", "New item", "other").toString(), null,
                    201, null, agreement + "/items/1", agreement + "/items/9");
        }),
        REPLACE_ITEM(w -> itemWrite(w, "PUT", "application/json", Api.item(1, "바뀐 항목", "Changed item", "other").toString())),
        PATCH_ITEM(w -> itemWrite(w, "PATCH", "application/merge-patch+json", "{\"status\": \"done\"}")),
        CREATE_PROGRAMME(w -> {
            String slug = Api.unique("matrix-programme");
            return new Prepared("POST", Programmes.PROGRAMMES, "application/json", Programmes.ownedBy(w, w.gyeonggi).put("slug", slug).toString(),
                    null, 201, null, null, Programmes.PROGRAMMES + "?slug=" + slug);
        }),
        REPLACE_PROGRAMME(w -> programmeWrite(w, "PUT", "", "application/json", Programmes.ownedBy(w, w.gyeonggi).put("kind", "pledges").toString())),
        PATCH_PROGRAMME(w -> programmeWrite(w, "PATCH", "", "application/merge-patch+json", "{\"kind\": \"pledges\"}")),
        ARCHIVE_PROGRAMME(w -> programmeWrite(w, "DELETE", "", null, null)),
        TRANSITION_PROGRAMME(w -> programmeWrite(w, "POST", "/transitions", "application/json", "{\"to\": \"in_progress\"}")),
        ADD_INITIATIVE(w -> {
            String programme = Programmes.PROGRAMMES + "/" + Programmes.create(Programmes.ownedBy(w, w.gyeonggi));
            return new Prepared("POST", programme + "/initiatives", "application/json",
                    Programmes.initiative(9, "새 시책", "New initiative", "other").toString(), null, 201, null, programme + "/initiatives/1",
                    programme + "/initiatives/9");
        }),
        REPLACE_INITIATIVE(w -> initiativeWrite(w, "PUT", "", "application/json",
                Programmes.initiative(1, "바뀐 시책", "Changed initiative", "other").toString(), "\"1\"")),
        PATCH_INITIATIVE(w -> initiativeWrite(w, "PATCH", "", "application/merge-patch+json", "{\"status\": \"on_hold\"}", "\"1\"")),
        REPORT_ON_INITIATIVE(w -> {
            Prepared write = initiativeWrite(w, "POST", "/reports", "application/json", "{\"on\": \"2020-06-30\", \"status\": \"on_track\"}",
                    null);
            return new Prepared(write.method(), write.path(), write.contentType(), write.body(), null, 201, write.unchanged(),
                    write.unchanged(), null);
        });

        final Function<World, Prepared> prepare;
        private final AuthorizationMatrix.Targets<Prepared> targets = new AuthorizationMatrix.Targets<>();

        Write(Function<World, Prepared> prepare) {
            this.prepare = prepare;
        }

        /** A fresh target for a caller who will succeed; a shared one for callers who will be refused. */
        Prepared prepare(World world, Caller caller) {
            return targets.prepare(caller, () -> prepare.apply(world));
        }
    }

    static Stream<Arguments> writes() {
        return Arrays.stream(Write.values()).flatMap(write -> Arrays.stream(Caller.values()).map(caller -> Arguments.of(write, caller)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("writes")
    void exactlyTheExpectedStatusAndNothingChangedWhenRefused(Write write, Caller caller) {
        Prepared p = write.prepare(world, caller);
        int expected = AuthorizationMatrix.send(p, caller, world.gyeonggiSlug, world.jeonbukSlug);
        if (expected >= 400) {
            if (p.unchanged() != null) {
                AuthorizationMatrix.assertUnchanged(p.unchanged());
            }
            if (p.absent() != null && p.absent().contains("?")) {
                AuthorizationMatrix.assertListsNothing(p.absent());
            } else if (p.absent() != null) {
                given().get(p.absent()).then().statusCode(404);
            }
        } else if (p.changed() != null) {
            AuthorizationMatrix.assertChanged(p.changed());
        }
    }

    private static Prepared agreementWrite(World w, String method, String suffix, String contentType, String body) {
        String agreement = Api.AGREEMENTS + "/" + Api.create(Api.gyeonggiGwangju(w, null));
        return new Prepared(method, agreement + suffix, contentType, body, "\"1\"", 200, agreement, agreement, null);
    }

    private static Prepared programmeWrite(World w, String method, String suffix, String contentType, String body) {
        String programme = Programmes.PROGRAMMES + "/" + Programmes.create(Programmes.ownedBy(w, w.gyeonggi));
        return new Prepared(method, programme + suffix, contentType, body, "\"1\"", 200, programme, programme, null);
    }

    private static Prepared initiativeWrite(World w, String method, String suffix, String contentType, String body, String ifMatch) {
        String initiative = Programmes.PROGRAMMES + "/" + Programmes.create(Programmes.ownedBy(w, w.gyeonggi)) + "/initiatives/1";
        return new Prepared(method, initiative + suffix, contentType, body, ifMatch, 200, initiative, initiative, null);
    }

    private static Prepared itemWrite(World w, String method, String contentType, String body) {
        String item = Api.AGREEMENTS + "/" + Api.create(Api.gyeonggiGwangju(w, null)) + "/items/1";
        return new Prepared(method, item, contentType, body, "\"1\"", 200, item, item, null);
    }
}
