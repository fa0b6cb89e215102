package org.referralbridge.server.compliance;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.referralbridge.mapping.FederalProgram;

/** Small builders for compliance requests, readable in a table: items as {@code IN_KIND:12}, coverage as {@code MEDICARE+CHIP}. */
final class Requests {

    static final String PROGRAM = "p1";

    private Requests() {}

    static RewardItem offered(RewardKind kind, String value) {
        return new RewardItem(PROGRAM, "offered", kind, new BigDecimal(value));
    }

    /** An item of the program, named after its kind and value, e.g. {@code IN_KIND:12} is item {@code in_kind-12}. */
    static RewardItem item(String kindAndValue) {
        String[] parts = kindAndValue.split(":");
        return new RewardItem(PROGRAM, itemId(kindAndValue), RewardKind.valueOf(parts[0]), new BigDecimal(parts[1]));
    }

    static String itemId(String kindAndValue) {
        return kindAndValue.toLowerCase().replace(':', '-');
    }

    /** Space-separated items, or {@code -} for none. */
    static List<RewardItem> items(String list) {
        return "-".equals(list)
                ? List.of()
                : Arrays.stream(list.split(" ")).map(Requests::item).toList();
    }

    /** {@code -} for none, else programs joined with {@code +}. */
    static BeneficiaryStatus coverage(String programs) {
        if ("-".equals(programs)) {
            return BeneficiaryStatus.none();
        }
        Set<FederalProgram> set = Arrays.stream(programs.split("\\+"))
                .map(FederalProgram::valueOf)
                .collect(Collectors.toSet());
        return new BeneficiaryStatus(set);
    }

    static ProgramAdminOverride override() {
        return new ProgramAdminOverride("admin-7", "board approved the community drive");
    }
}
