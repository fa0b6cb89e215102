package org.referralbridge.server.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The compliance decision over item kind × value × referrer coverage × referred coverage × state × year-to-date
 * history × practice caps × override. Columns: {@code others} are the program's other items ({@code KIND:value});
 * {@code allowed} is {@code item} for the offered item, a {@code KIND:value} substitute, or {@code -} for none;
 * {@code caps} are the practice's caps ({@code item=10,year=40}); {@code rules} the decision's rule ids.
 */
class ComplianceScenarioTests {

    private final ComplianceEngine engine = new ComplianceEngine();

    @ParameterizedTest(
            name =
                    "[{index}] {0} {1} referrer={2} referred={3} state={4} ytd={5} override={6} others={7} caps={8} -> {9}")
    @CsvSource(delimiter = '|', textBlock = """
            # kind         | value | referrer      | referred      | state | ytd | override | others                      | caps               | outcome        | allowed          | rules
            # nobody is a beneficiary, no state pack: anything goes
            CASH            | 50    | -             | -             | -     | 0   | no       | -                           | -                  | ALLOW          | item             | AKS-REFERRED-BENEFICIARY
            CASH_EQUIVALENT | 25    | -             | -             | NY    | 0   | no       | -                           | -                  | ALLOW          | item             | AKS-REFERRED-BENEFICIARY
            SERVICE_CREDIT  | 100   | -             | -             | TX    | 300 | no       | -                           | -                  | ALLOW          | item             | AKS-REFERRED-BENEFICIARY
            # recognition is always allowed
            RECOGNITION     | 0     | MEDICARE      | MEDICARE      | FL    | 80  | no       | -                           | -                  | ALLOW          | item             | AKS-REFERRED-BENEFICIARY OIG-CASH-EQUIVALENT OIG-NOMINAL-ITEM-15 OIG-NOMINAL-YEAR-75 FL-817-505
            RECOGNITION     | 0     | -             | -             | CA    | 0   | no       | -                           | item=0             | ALLOW          | item             | AKS-REFERRED-BENEFICIARY CA-BP-650 PRACTICE-CAP-ITEM
            # referred patient a beneficiary: thank-you only, no substitute, unless overridden
            IN_KIND         | 10    | -             | MEDICARE      | -     | 0   | no       | -                           | -                  | THANK_YOU_ONLY | -                | AKS-REFERRED-BENEFICIARY
            IN_KIND         | 10    | -             | MEDICAID      | -     | 0   | no       | RECOGNITION:0 IN_KIND:5     | -                  | THANK_YOU_ONLY | -                | AKS-REFERRED-BENEFICIARY
            CASH            | 20    | -             | TRICARE       | NY    | 0   | no       | -                           | -                  | THANK_YOU_ONLY | -                | AKS-REFERRED-BENEFICIARY
            DONATION        | 25    | -             | CHIP          | -     | 0   | no       | -                           | -                  | THANK_YOU_ONLY | -                | AKS-REFERRED-BENEFICIARY
            SERVICE_CREDIT  | 30    | -             | OTHER_FEDERAL | -     | 0   | no       | -                           | -                  | THANK_YOU_ONLY | -                | AKS-REFERRED-BENEFICIARY
            CASH            | 20    | MEDICARE      | MEDICARE      | -     | 0   | no       | -                           | -                  | THANK_YOU_ONLY | -                | AKS-REFERRED-BENEFICIARY OIG-CASH-EQUIVALENT OIG-NOMINAL-ITEM-15
            IN_KIND         | 10    | -             | MEDICARE      | -     | 0   | yes      | -                           | -                  | ALLOW          | item             | AKS-REFERRED-BENEFICIARY
            IN_KIND         | 40    | -             | MEDICARE+CHIP | TX    | 0   | yes      | -                           | -                  | ALLOW          | item             | AKS-REFERRED-BENEFICIARY
            IN_KIND         | 12    | MEDICARE      | MEDICAID      | -     | 0   | yes      | -                           | -                  | ALLOW          | item             | AKS-REFERRED-BENEFICIARY OIG-CASH-EQUIVALENT OIG-NOMINAL-ITEM-15 OIG-NOMINAL-YEAR-75
            CASH            | 20    | MEDICARE      | MEDICARE      | -     | 0   | yes      | -                           | -                  | THANK_YOU_ONLY | -                | OIG-CASH-EQUIVALENT OIG-NOMINAL-ITEM-15
            IN_KIND         | 20    | MEDICAID      | MEDICAID      | -     | 0   | yes      | IN_KIND:15                  | -                  | REDUCE         | IN_KIND:15       | OIG-NOMINAL-ITEM-15
            # a state ban and the referred patient's rule together: the ban is stricter
            IN_KIND         | 10    | -             | MEDICARE      | FL    | 0   | no       | -                           | -                  | BLOCK          | -                | AKS-REFERRED-BENEFICIARY FL-817-505
            IN_KIND         | 10    | -             | MEDICARE      | FL    | 0   | no       | RECOGNITION:0               | -                  | BLOCK          | -                | AKS-REFERRED-BENEFICIARY FL-817-505
            IN_KIND         | 10    | MEDICARE      | MEDICARE      | FL    | 0   | yes      | -                           | -                  | BLOCK          | -                | FL-817-505
            CASH_EQUIVALENT | 5     | -             | MEDICARE      | CA    | 0   | yes      | RECOGNITION:0               | -                  | REDUCE         | RECOGNITION:0    | CA-BP-650
            # referrer a beneficiary: no cash or cash equivalents
            CASH            | 10    | MEDICARE      | -             | -     | 0   | no       | -                           | -                  | THANK_YOU_ONLY | -                | OIG-CASH-EQUIVALENT
            CASH_EQUIVALENT | 10    | MEDICAID      | -             | -     | 0   | no       | IN_KIND:10                  | -                  | REDUCE         | IN_KIND:10       | OIG-CASH-EQUIVALENT
            CASH_EQUIVALENT | 25    | MEDICARE      | -             | -     | 0   | no       | IN_KIND:15 IN_KIND:12       | -                  | REDUCE         | IN_KIND:15       | OIG-CASH-EQUIVALENT OIG-NOMINAL-ITEM-15
            CASH            | 15    | TRICARE       | -             | -     | 0   | no       | CASH:10 CASH_EQUIVALENT:5   | -                  | THANK_YOU_ONLY | -                | OIG-CASH-EQUIVALENT
            # referrer a beneficiary: $15 per item
            IN_KIND         | 15    | MEDICARE      | -             | -     | 0   | no       | -                           | -                  | ALLOW          | item             | AKS-REFERRED-BENEFICIARY OIG-CASH-EQUIVALENT OIG-NOMINAL-ITEM-15 OIG-NOMINAL-YEAR-75
            IN_KIND         | 15.01 | MEDICARE      | -             | -     | 0   | no       | -                           | -                  | THANK_YOU_ONLY | -                | OIG-NOMINAL-ITEM-15
            IN_KIND         | 20    | TRICARE       | -             | -     | 0   | no       | IN_KIND:14 RECOGNITION:0    | -                  | REDUCE         | IN_KIND:14       | OIG-NOMINAL-ITEM-15
            SERVICE_CREDIT  | 25    | CHIP          | -             | -     | 0   | no       | SERVICE_CREDIT:15 DONATION:10 | -                | REDUCE         | SERVICE_CREDIT:15 | OIG-NOMINAL-ITEM-15
            DONATION        | 50    | OTHER_FEDERAL | -             | -     | 0   | no       | RECOGNITION:0               | -                  | REDUCE         | RECOGNITION:0    | OIG-NOMINAL-ITEM-15
            # referrer a beneficiary: $75 per calendar year across all programs
            IN_KIND         | 10    | MEDICARE      | -             | -     | 60  | no       | -                           | -                  | ALLOW          | item             | AKS-REFERRED-BENEFICIARY OIG-CASH-EQUIVALENT OIG-NOMINAL-ITEM-15 OIG-NOMINAL-YEAR-75
            IN_KIND         | 15    | MEDICARE      | -             | -     | 60  | no       | -                           | -                  | ALLOW          | item             | AKS-REFERRED-BENEFICIARY OIG-CASH-EQUIVALENT OIG-NOMINAL-ITEM-15 OIG-NOMINAL-YEAR-75
            IN_KIND         | 15    | MEDICARE      | -             | -     | 61  | no       | -                           | -                  | THANK_YOU_ONLY | -                | OIG-NOMINAL-YEAR-75
            IN_KIND         | 15    | MEDICARE      | -             | -     | 65  | no       | IN_KIND:10 IN_KIND:5        | -                  | REDUCE         | IN_KIND:10       | OIG-NOMINAL-YEAR-75
            IN_KIND         | 15    | MEDICARE      | -             | -     | 75  | no       | IN_KIND:5 RECOGNITION:0     | -                  | REDUCE         | RECOGNITION:0    | OIG-NOMINAL-YEAR-75
            IN_KIND         | 20    | MEDICARE      | -             | -     | 70  | no       | IN_KIND:15 IN_KIND:5        | -                  | REDUCE         | IN_KIND:5        | OIG-NOMINAL-ITEM-15 OIG-NOMINAL-YEAR-75
            # Florida and California ban rewards of value for all payers
            SERVICE_CREDIT  | 25    | -             | -             | FL    | 0   | no       | -                           | -                  | BLOCK          | -                | FL-817-505
            SERVICE_CREDIT  | 25    | -             | -             | FL    | 0   | no       | IN_KIND:5 RECOGNITION:0     | -                  | REDUCE         | RECOGNITION:0    | FL-817-505
            IN_KIND         | 10    | MEDICARE      | -             | FL    | 0   | no       | IN_KIND:5                   | -                  | BLOCK          | -                | FL-817-505
            DONATION        | 5     | -             | -             | CA    | 0   | no       | -                           | -                  | BLOCK          | -                | CA-BP-650
            CASH            | 100   | -             | -             | CA    | 0   | no       | RECOGNITION:0               | -                  | REDUCE         | RECOGNITION:0    | CA-BP-650
            CASH            | 100   | MEDICARE      | -             | CA    | 0   | no       | -                           | -                  | BLOCK          | -                | OIG-CASH-EQUIVALENT OIG-NOMINAL-ITEM-15 OIG-NOMINAL-YEAR-75 CA-BP-650
            # Texas: a Medicaid referrer gets at most $10 per item and $25 per year
            IN_KIND         | 10    | MEDICAID      | -             | TX    | 0   | no       | -                           | -                  | ALLOW          | item             | AKS-REFERRED-BENEFICIARY OIG-CASH-EQUIVALENT OIG-NOMINAL-ITEM-15 OIG-NOMINAL-YEAR-75 TX-MEDICAID-10-25
            IN_KIND         | 12    | MEDICAID      | -             | TX    | 0   | no       | -                           | -                  | THANK_YOU_ONLY | -                | TX-MEDICAID-10-25
            IN_KIND         | 12    | MEDICAID      | -             | TX    | 0   | no       | IN_KIND:10 IN_KIND:8        | -                  | REDUCE         | IN_KIND:10       | TX-MEDICAID-10-25
            IN_KIND         | 14    | MEDICAID      | -             | TX    | 0   | no       | IN_KIND:12                  | -                  | THANK_YOU_ONLY | -                | TX-MEDICAID-10-25
            IN_KIND         | 10    | MEDICAID      | -             | TX    | 20  | no       | IN_KIND:5                   | -                  | REDUCE         | IN_KIND:5        | TX-MEDICAID-10-25
            IN_KIND         | 10    | MEDICAID      | -             | TX    | 25  | no       | RECOGNITION:0               | -                  | REDUCE         | RECOGNITION:0    | TX-MEDICAID-10-25
            IN_KIND         | 12    | MEDICARE      | -             | TX    | 0   | no       | -                           | -                  | ALLOW          | item             | AKS-REFERRED-BENEFICIARY OIG-CASH-EQUIVALENT OIG-NOMINAL-ITEM-15 OIG-NOMINAL-YEAR-75
            IN_KIND         | 12    | -             | MEDICAID      | TX    | 0   | yes      | -                           | -                  | ALLOW          | item             | AKS-REFERRED-BENEFICIARY
            IN_KIND         | 12    | MEDICAID      | -             | NY    | 0   | no       | -                           | -                  | ALLOW          | item             | AKS-REFERRED-BENEFICIARY OIG-CASH-EQUIVALENT OIG-NOMINAL-ITEM-15 OIG-NOMINAL-YEAR-75
            # the practice's own caps, for every referrer
            IN_KIND         | 30    | -             | -             | -     | 0   | no       | IN_KIND:20                  | item=25            | REDUCE         | IN_KIND:20       | PRACTICE-CAP-ITEM
            IN_KIND         | 30    | -             | -             | -     | 0   | no       | -                           | item=25            | THANK_YOU_ONLY | -                | PRACTICE-CAP-ITEM
            SERVICE_CREDIT  | 50    | -             | -             | -     | 100 | no       | SERVICE_CREDIT:25           | year=150           | ALLOW          | item             | AKS-REFERRED-BENEFICIARY PRACTICE-CAP-YEAR
            SERVICE_CREDIT  | 50    | -             | -             | -     | 120 | no       | SERVICE_CREDIT:25           | year=150           | REDUCE         | SERVICE_CREDIT:25 | PRACTICE-CAP-YEAR
            IN_KIND         | 12    | MEDICARE      | -             | -     | 0   | no       | IN_KIND:8                   | item=10            | REDUCE         | IN_KIND:8        | PRACTICE-CAP-ITEM
            IN_KIND         | 10    | MEDICARE      | -             | -     | 50  | no       | IN_KIND:5                   | year=55            | REDUCE         | IN_KIND:5        | PRACTICE-CAP-YEAR
            CASH            | 5     | -             | -             | -     | 0   | no       | -                           | item=10,year=100   | ALLOW          | item             | AKS-REFERRED-BENEFICIARY PRACTICE-CAP-ITEM PRACTICE-CAP-YEAR
            """)
    void decides(
            RewardKind kind,
            String value,
            String referrer,
            String referred,
            String state,
            String yearToDate,
            String override,
            String others,
            String caps,
            ComplianceOutcome outcome,
            String allowed,
            String rules) {
        ComplianceRequest request = new ComplianceRequest(
                Requests.offered(kind, value),
                Requests.items(others),
                Requests.coverage(referrer),
                Requests.coverage(referred),
                "-".equals(state) ? Optional.empty() : Optional.of(state),
                caps(caps),
                LedgerHistory.of(new BigDecimal(yearToDate)),
                "yes".equals(override) ? Optional.of(Requests.override()) : Optional.empty());

        ComplianceDecision decision = engine.decide(request);

        assertThat(decision.outcome()).isEqualTo(outcome);
        assertThat(decision.ruleIds()).containsExactly(rules.split(" "));
        assertThat(decision.allowedItem().map(RewardItem::itemId)).isEqualTo(expectedItemId(allowed));
        assertThat(decision.reasons()).isNotEmpty().doesNotContainNull();
        assertThat(decision.rulesChecked()).containsAll(decision.rules());
    }

    private static Optional<String> expectedItemId(String allowed) {
        return switch (allowed) {
            case "-" -> Optional.empty();
            case "item" -> Optional.of("offered");
            default -> Optional.of(Requests.itemId(allowed));
        };
    }

    private static PracticeCaps caps(String caps) {
        if ("-".equals(caps)) {
            return PracticeCaps.none();
        }
        List<String> parts = Arrays.asList(caps.split(","));
        return new PracticeCaps(cap(parts, "item="), cap(parts, "year="));
    }

    private static Optional<BigDecimal> cap(List<String> parts, String prefix) {
        return parts.stream()
                .filter(part -> part.startsWith(prefix))
                .map(part -> new BigDecimal(part.substring(prefix.length())))
                .findFirst();
    }
}
