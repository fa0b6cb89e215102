package org.referralbridge.server.cds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.MovableClock;
import org.referralbridge.server.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The used token ids in the database (real PostgreSQL, a schema of this class's own): a CDS client's token accepted
 * by one instance is a replay at another, and an expired token's id is forgotten.
 */
class UsedTokenIdsTests {

    private static final String AUDIENCE = "https://referrals.example.org/cds-services/referral-bridge-patient-view";

    private final DataSource database = TestDatabase.migratedSchema(UsedTokenIdsTests.class);
    private final JdbcClient jdbc = JdbcClient.create(database);
    private final CdsClientKeys keys = CdsClientKeys.generate();

    @Test
    void aTokenOneInstanceAcceptedIsRefusedByAnother() {
        CdsClientTokens first = instance(Clock.systemUTC());
        CdsClientTokens second = instance(Clock.systemUTC());
        String token = "Bearer " + keys.token(AUDIENCE);

        assertThat(first.authenticate(token, AUDIENCE).issuer()).isEqualTo(CdsClientKeys.ISSUER);
        assertThatThrownBy(() -> second.authenticate(token, AUDIENCE))
                .isInstanceOf(CdsClientRejected.class)
                .hasMessageContaining("jti was used before");
        assertThat(second.authenticate("Bearer " + keys.token(AUDIENCE), AUDIENCE)
                        .issuer())
                .isEqualTo(CdsClientKeys.ISSUER);
        assertThat(jdbc.sql("select token_key from cds_token_ids")
                        .query(String.class)
                        .list())
                .hasSize(2)
                .allSatisfy(key -> assertThat(key).hasSize(64).doesNotContain(CdsClientKeys.ISSUER));
    }

    @Test
    void theIdsOfExpiredTokensAreForgotten() {
        Instant now = Instant.now();
        MovableClock clock = new MovableClock(now);
        UsedTokenIds.InDatabase ids = new UsedTokenIds.InDatabase(jdbc, clock);
        assertThat(ids.firstUse("https://ehr.example.org", "soon-gone", now.plusSeconds(60)))
                .isTrue();
        assertThat(ids.firstUse("https://ehr.example.org", "still-valid", now.plusSeconds(600)))
                .isTrue();
        assertThat(ids.firstUse("https://ehr.example.org", "soon-gone", now.plusSeconds(60)))
                .isFalse();

        clock.advance(Duration.ofMinutes(2));
        ids.forgetExpired();

        assertThat(jdbc.sql("select count(*) from cds_token_ids")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(ids.firstUse("https://ehr.example.org", "still-valid", now.plusSeconds(600)))
                .isFalse();
    }

    private CdsClientTokens instance(Clock clock) {
        return new CdsClientTokens(
                CdsClientTokensTests.properties(keys.publicJwks()), clock, new UsedTokenIds.InDatabase(jdbc, clock));
    }
}
