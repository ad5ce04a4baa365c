package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.ApiKeyInfo;
import com.headlessanalytics.console.api.NewApiKey;
import com.headlessanalytics.console.api.ServeBackend.Principal;
import com.headlessanalytics.console.domain.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Workspace API keys. A key is {@code ha_live_} plus 40 random base62 characters (about 238 bits);
 * only its SHA-256 is stored, which is enough for a secret of that entropy.
 */
public final class ApiKeys {
    static final String KEY_PREFIX = "ha_live_";
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Clock clock;

    ApiKeys(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public NewApiKey create(String workspaceId, String name) {
        String label = name == null || name.isBlank() ? "API key" : name.strip();
        if (label.length() > 200) {
            throw new IllegalArgumentException("A key name has at most 200 characters");
        }
        StringBuilder secret = new StringBuilder(KEY_PREFIX);
        for (int i = 0; i < 40; i++) {
            secret.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        long now = clock.millis();
        ApiKeyInfo info = new ApiKeyInfo(Ids.newId("key", now), workspaceId, label,
                secret.substring(0, KEY_PREFIX.length() + 4), now, null);
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_key (id, workspace_id, name, prefix,"
                    + " secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, info.id());
                ps.setString(2, workspaceId);
                ps.setString(3, label);
                ps.setString(4, info.prefix());
                ps.setString(5, sha256(secret.toString()));
                ps.setLong(6, now);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (e.getErrorCode() == org.h2.api.ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_PARENT_MISSING_1) {
                    throw new IllegalArgumentException("No workspace " + workspaceId, e);
                }
                throw e;
            }
            return null;
        });
        return new NewApiKey(info, secret.toString());
    }

    public List<ApiKeyInfo> list(String workspaceId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, workspace_id, name, prefix, created_at,"
                    + " revoked_at FROM api_key WHERE workspace_id = ? ORDER BY created_at, id")) {
                ps.setString(1, workspaceId);
                List<ApiKeyInfo> keys = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long revoked = rs.getLong(6);
                        Long revokedAt = rs.wasNull() ? null : revoked;
                        keys.add(new ApiKeyInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5), revokedAt));
                    }
                }
                return keys;
            }
        });
    }

    /** Revokes the key; false when there is no such active key. */
    public boolean revoke(String keyId) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                ps.setLong(1, clock.millis());
                ps.setString(2, keyId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    Optional<Principal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(KEY_PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        String hash = sha256(secret);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT workspace_id, id FROM api_key WHERE secret_hash = ? AND revoked_at IS NULL")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Principal(rs.getString(1), rs.getString(2)))
                            : Optional.<Principal>empty();
                }
            }
        });
    }

    int activeCount() {
        return db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM api_key WHERE revoked_at IS NULL")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    static String sha256(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
