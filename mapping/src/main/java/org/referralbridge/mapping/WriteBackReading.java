package org.referralbridge.mapping;

import java.util.Optional;
import org.referralbridge.conformance.Canonicals;

/**
 * Reads a profile's {@code writeBack} section. Without one, the referrer goes into our {@code referral-source}
 * extension and advocate state into {@code referral-advocate}; a Flag is written only when a profile asks for it.
 */
final class WriteBackReading {

    static final String DEFAULT_FLAG_TEXT = "Referral program: referred patient";

    private WriteBackReading() {}

    static WriteBackTargets read(ProfileKeys top) {
        Optional<ProfileKeys> found = top.section("writeBack", false, "");
        Optional<ProfileKeys> source = found.flatMap(s -> s.section("referralSource", false, ""));
        Optional<ProfileKeys> advocate = found.flatMap(s -> s.section("advocate", false, ""));
        Optional<ProfileKeys> flag = found.flatMap(s -> s.section("flag", false, ""));
        // Every field is read even when its target is off, so that a misspelt key is still reported.
        WriteBackTargets.ReferralSourceTarget sourceTarget = new WriteBackTargets.ReferralSourceTarget(
                extensionUrl(source, Canonicals.ReferralSource.URL),
                source.flatMap(s -> s.text("referrer", false, ""))
                        .map(ProfileKeys.Located::value)
                        .orElse(Canonicals.ReferralSource.REFERRER));
        String advocateUrl = extensionUrl(advocate, Canonicals.ReferralAdvocate.URL);
        WriteBackTargets.FlagTarget flagTarget = flag.map(WriteBackReading::flag)
                .orElse(new WriteBackTargets.FlagTarget(DEFAULT_FLAG_TEXT, Optional.empty(), Optional.empty()));
        WriteBackTargets targets = new WriteBackTargets(
                enabled(source, true) ? Optional.of(sourceTarget) : Optional.empty(),
                enabled(advocate, true) ? Optional.of(advocateUrl) : Optional.empty(),
                enabled(flag, false) ? Optional.of(flagTarget) : Optional.empty());
        source.ifPresent(ProfileKeys::reportUnknownKeys);
        advocate.ifPresent(ProfileKeys::reportUnknownKeys);
        flag.ifPresent(ProfileKeys::reportUnknownKeys);
        found.ifPresent(ProfileKeys::reportUnknownKeys);
        return targets;
    }

    private static boolean enabled(Optional<ProfileKeys> section, boolean whenAbsent) {
        return section.map(s -> s.flag("enabled", whenAbsent)).orElse(whenAbsent);
    }

    private static String extensionUrl(Optional<ProfileKeys> section, String whenAbsent) {
        return section.flatMap(s -> s.text("extension", false, "").filter(s::absoluteUrl))
                .map(ProfileKeys.Located::value)
                .orElse(whenAbsent);
    }

    /** Flag.code is {@code system|code}; the category is always {@code admin} and not configurable. */
    private static WriteBackTargets.FlagTarget flag(ProfileKeys section) {
        String text =
                section.text("text", false, "").map(ProfileKeys.Located::value).orElse(DEFAULT_FLAG_TEXT);
        Optional<ProfileKeys.Located> code = section.text("code", false, "");
        Optional<ProfileKeys.Located> valid =
                code.filter(c -> c.value().indexOf('|') > 0 && !c.value().endsWith("|"));
        if (code.isPresent() && valid.isEmpty()) {
            section.problem(code.get().mark(), code.get().path(), "expected system|code");
        }
        return new WriteBackTargets.FlagTarget(
                text,
                valid.map(c -> c.value().substring(0, c.value().lastIndexOf('|'))),
                valid.map(c -> c.value().substring(c.value().lastIndexOf('|') + 1)));
    }
}
