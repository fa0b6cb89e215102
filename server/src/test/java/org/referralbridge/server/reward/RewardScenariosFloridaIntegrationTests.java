package org.referralbridge.server.reward;

import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.reward.RewardScenario.PracticeState;
import org.springframework.test.context.TestPropertySource;

/** The reward scenario table for a practice in Florida. */
@IntegrationTest
@TestPropertySource(
        properties = {
            "referralbridge.programs.directory=src/test/resources/programs-rewards",
            "referralbridge.practice.state=FL"
        })
class RewardScenariosFloridaIntegrationTests extends RewardScenarioContract {

    @Override
    PracticeState state() {
        return PracticeState.FL;
    }
}
