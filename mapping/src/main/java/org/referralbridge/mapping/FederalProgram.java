package org.referralbridge.mapping;

/**
 * Government health care programs whose beneficiaries limit what a referral reward may be.
 *
 * <p>The beneficiary inducement civil monetary penalty (42 U.S.C. 1320a-7a(a)(5)) covers Medicare and State health care
 * programs (Medicaid, CHIP); the anti-kickback statute (42 U.S.C. 1320a-7b(b), with "Federal health care program"
 * defined in 1320a-7b(f)) also covers TRICARE, the VA and other programs funded by the United States.
 */
public enum FederalProgram {
    MEDICARE("medicare"),
    MEDICAID("medicaid"),
    TRICARE("tricare"),
    CHIP("chip"),
    /**
     * Other programs funded by the United States (VA, Indian Health Service, ...), and public programs of an unknown
     * kind that a profile chooses to treat as federal because the stricter rule is the safe side.
     */
    OTHER_FEDERAL("otherFederal");

    private final String profileKey;

    FederalProgram(String profileKey) {
        this.profileKey = profileKey;
    }

    /** The key that lists this program's payer codes under {@code coverage.federalPrograms} in a profile. */
    public String profileKey() {
        return profileKey;
    }
}
