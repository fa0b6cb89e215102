package org.referralbridge.server.reward;

import org.springframework.test.context.TestPropertySource;

/**
 * The ledger on H2 in the embedded default's mode: the same migration, constraints and queries must hold there, H2
 * having no partial unique index (see V12).
 */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:reward-ledger;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa",
            "spring.datasource.password="
        })
class RewardLedgerOnH2IntegrationTests extends RewardLedgerContract {}
