package org.referralbridge.server.reward;

import java.util.Map;
import org.referralbridge.server.Instances;
import org.referralbridge.server.PostgresSchemaCustomizerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ledger on the real PostgreSQL (production), in a schema of this class's own. */
class RewardLedgerIntegrationTests extends RewardLedgerContract {

    @DynamicPropertySource
    static void ownSchema(DynamicPropertyRegistry registry) {
        Map<String, Object> datasource =
                PostgresSchemaCustomizerFactory.datasourceFor(Instances.schema(RewardLedgerIntegrationTests.class));
        datasource.forEach((name, value) -> registry.add(name, () -> value));
    }
}
