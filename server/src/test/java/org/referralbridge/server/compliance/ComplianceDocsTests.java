package org.referralbridge.server.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The program managers' page names every rule and decision the engine can return, with the rule's source. */
class ComplianceDocsTests {

    // Surefire runs in the server module's directory.
    private static final Path PAGE = Path.of("..", "docs", "compliance.md");

    @Test
    void documentsEveryRuleIdAndEveryDecision() throws IOException {
        String page = Files.readString(PAGE);

        for (ComplianceRule rule : ComplianceRule.values()) {
            assertThat(page).as(rule.id()).containsPattern("\\| `" + rule.id() + "` \\|[^\\n]*\\|[^\\n]*\\|[^\\n]*\\|");
        }
        for (ComplianceOutcome outcome : ComplianceOutcome.values()) {
            assertThat(page).contains("| `" + outcome + "` |");
        }
    }
}
