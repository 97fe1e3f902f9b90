package org.civicregistry.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.civicregistry.gateway.GatewayConfig;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Whether a presented {@code X-Api-Key} was issued and not revoked. Answers, valid or not, are
 * remembered for {@code civic.gateway.clients.key-cache} so a request does not cost a query; a key
 * revoked through this replica is forgotten at once, on the others within that time.
 */
@ApplicationScoped
public class ApiKeyCheck {

    static final String PREFIX = "civic_";
    /** The prefix and 32 random bytes in unpadded base64url: anything else was never issued. */
    private static final Pattern WELL_FORMED = Pattern.compile(PREFIX + "[A-Za-z0-9_-]{43}");

    private final DataSource dataSource;
    private final Cache<String, Optional<Holder>> checked;

    public ApiKeyCheck(DataSource dataSource, GatewayConfig config) {
        this.dataSource = dataSource;
        // Unknown keys are remembered too, so rotating made-up keys costs the database one query
        // each at most; a key issued later cannot be among them, being random.
        this.checked = Caffeine.newBuilder().expireAfterWrite(config.clients().keyCache()).maximumSize(100_000).build();
    }

    /** The key's holder, if the key is valid now; blocking (a query when not remembered). */
    public Optional<Holder> holder(String presented) {
        if (!WELL_FORMED.matcher(presented).matches()) {
            return Optional.empty();
        }
        return checked.get(hash(presented), this::lookUp);
    }

    void forget(String keyHash) {
        checked.invalidate(keyHash);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    // Plain JDBC: this runs for every keyed request on a worker thread, where no ORM session or
    // request context is active.
    private Optional<Holder> lookUp(String keyHash) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select id, tier from api_key where key_hash = ? and revoked_at is null")) {
            query.setString(1, keyHash);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new Holder(row.getObject(1, UUID.class), ApiKeyTier.valueOf(row.getString(2)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("API key lookup failed", e);
        }
    }

    /** Who a valid key belongs to, as far as rate limits care. */
    public record Holder(UUID keyId, ApiKeyTier tier) {
    }
}
