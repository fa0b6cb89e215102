package org.referralbridge.server.messages;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The addresses that opted out of program e-mail, by keyed digest (see {@link OptOutTokens#digest}); read before
 * every send. An opt-out is never undone here: a patient who wants e-mail again gives a new consent, and the front
 * desk clears the entry with clinic IT.
 */
class Suppressions {

    private final JdbcClient jdbc;
    private final Clock clock;

    Suppressions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @return whether the address was not suppressed before */
    boolean suppress(String addressDigest, String patientId) {
        return jdbc.sql("insert into message_suppression (address_digest, patient_id, suppressed_at) values (?, ?, ?)"
                                + " on conflict do nothing")
                        .params(addressDigest, patientId, Timestamp.from(clock.instant()))
                        .update()
                == 1;
    }

    boolean suppressed(String addressDigest) {
        return jdbc.sql("select count(*) from message_suppression where address_digest = ?")
                        .param(addressDigest)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
