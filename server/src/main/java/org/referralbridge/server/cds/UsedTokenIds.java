package org.referralbridge.server.cds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/** The CDS clients' token ids ({@code jti}) already used, each kept until its token has expired. */
interface UsedTokenIds {

    /** Records the id; false when it was used before (a replay). */
    boolean firstUse(String issuer, String jti, Instant keepUntil);

    /** Kept in the database, so every instance refuses a token any of them accepted. */
    final class InDatabase implements UsedTokenIds {

        private final JdbcClient jdbc;
        private final Clock clock;

        InDatabase(JdbcClient jdbc, Clock clock) {
            this.jdbc = jdbc;
            this.clock = clock;
        }

        @Override
        public boolean firstUse(String issuer, String jti, Instant keepUntil) {
            try {
                jdbc.sql("insert into cds_token_ids (token_key, expires_at) values (:key, :until)")
                        .param("key", key(issuer, jti))
                        .param("until", Timestamp.from(keepUntil))
                        .update();
                return true;
            } catch (DuplicateKeyException used) {
                return false;
            }
        }

        /** Drops the ids of expired tokens: they would be refused for their expiry anyway. */
        @Scheduled(
                initialDelayString = "${referralbridge.cds.token-id-cleanup:PT5M}",
                fixedDelayString = "${referralbridge.cds.token-id-cleanup:PT5M}")
        void forgetExpired() {
            jdbc.sql("delete from cds_token_ids where expires_at < :now")
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
        }
    }

    /** In this process only: for tests of the token checks alone. */
    final class InMemory implements UsedTokenIds {

        private final Map<String, Instant> seen = new ConcurrentHashMap<>();
        private final Clock clock;

        InMemory(Clock clock) {
            this.clock = clock;
        }

        @Override
        public boolean firstUse(String issuer, String jti, Instant keepUntil) {
            Instant now = clock.instant();
            seen.values().removeIf(until -> until.isBefore(now));
            return seen.putIfAbsent(key(issuer, jti), keepUntil) == null;
        }
    }

    /** SHA-256 of the issuer and the id, hex: a fixed-size key whatever the client puts in its jti. */
    static String key(String issuer, String jti) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest((issuer + "\n" + jti).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
