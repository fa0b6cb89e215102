package org.referralbridge.mapping;

import java.util.Objects;
import java.util.Optional;

/**
 * Where Referral Bridge writes its results back into the EHR.
 *
 * @param referralSource the complex extension on the referred Patient that gets the referrer; empty when the profile
 *     turns this write-back off
 * @param advocateExtensionUrl the extension on the referrer Patient that carries advocate state; empty when off
 * @param flag an administrative Flag on the referred Patient; empty unless the profile asks for one
 */
public record WriteBackTargets(
        Optional<ReferralSourceTarget> referralSource,
        Optional<String> advocateExtensionUrl,
        Optional<FlagTarget> flag) {

    public WriteBackTargets {
        referralSource = Objects.requireNonNullElse(referralSource, Optional.empty());
        advocateExtensionUrl = Objects.requireNonNullElse(advocateExtensionUrl, Optional.empty());
        flag = Objects.requireNonNullElse(flag, Optional.empty());
    }

    /**
     * @param extensionUrl URL of the complex extension on the referred Patient
     * @param referrerSubExtension name of the sub-extension whose valueReference names the referrer
     */
    public record ReferralSourceTarget(String extensionUrl, String referrerSubExtension) {
        public ReferralSourceTarget {
            Objects.requireNonNull(extensionUrl, "extensionUrl");
            Objects.requireNonNull(referrerSubExtension, "referrerSubExtension");
        }
    }

    /**
     * A Flag with category {@code admin} (never a clinical category: Flag is for care warnings otherwise).
     *
     * @param text Flag.code.text shown to staff; must not carry PHI
     * @param codeSystem system of an optional Flag.code coding
     * @param code code of that coding
     */
    public record FlagTarget(String text, Optional<String> codeSystem, Optional<String> code) {
        public FlagTarget {
            Objects.requireNonNull(text, "text");
            codeSystem = Objects.requireNonNullElse(codeSystem, Optional.empty());
            code = Objects.requireNonNullElse(code, Optional.empty());
        }
    }
}
