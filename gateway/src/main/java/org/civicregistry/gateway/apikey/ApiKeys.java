package org.civicregistry.gateway.apikey;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.civicregistry.commons.paging.Cursor;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.record.Ids;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;

/** Integrators' API keys: issued and revoked by admins, kept (hashed) in the gateway's database. */
@ApplicationScoped
public class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyCheck check;
    private final SecurityIdentity identity;

    public ApiKeys(ApiKeyCheck check, SecurityIdentity identity) {
        this.check = check;
        this.identity = identity;
    }

    /** A new key; the answer is the only place the key itself ever appears. */
    @Transactional
    public ApiKeyView issue(ApiKeyInput input) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = ApiKeyCheck.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey apiKey = new ApiKey();
        apiKey.id = Ids.next();
        apiKey.keyHash = ApiKeyCheck.hash(key);
        apiKey.prefix = key.substring(0, ApiKeyCheck.PREFIX.length() + 4);
        apiKey.owner = input.owner().strip();
        apiKey.contact = input.contact().strip();
        apiKey.tier = ApiKeyTier.valueOf(input.tier().toUpperCase(Locale.ROOT));
        apiKey.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        apiKey.createdBy = identity.isAnonymous() ? null : identity.getPrincipal().getName();
        apiKey.persist();
        return ApiKeyView.of(apiKey, key);
    }

    public ApiKeyView find(UUID id) {
        return ApiKeyView.of(entity(id), null);
    }

    public Page<ApiKeyView> list(PageRequest page) {
        UUID after = Cursor.decodeId(page.cursor());
        List<ApiKey> rows = (after == null ? ApiKey.<ApiKey>find("order by id")
                : ApiKey.<ApiKey>find("id > ?1 order by id", after)).page(0, page.fetchSize()).list();
        return Page.of(rows, page.limit(), k -> ApiKeyView.of(k, null), k -> Cursor.after(k.id));
    }

    /** Revokes the key (again: no change); requests with it are refused from now on. */
    public ApiKeyView revoke(UUID id) {
        ApiKey apiKey = QuarkusTransaction.requiringNew().call(() -> {
            ApiKey revoked = entity(id);
            if (revoked.revokedAt == null) {
                revoked.revokedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            }
            return revoked;
        });
        // after the commit: forgotten earlier, a request in between could remember the key as valid again
        check.forget(apiKey.keyHash);
        return ApiKeyView.of(apiKey, null);
    }

    private ApiKey entity(UUID id) {
        ApiKey apiKey = ApiKey.findById(id);
        if (apiKey == null) {
            throw ProblemException.notFound("API key", id);
        }
        return apiKey;
    }
}
