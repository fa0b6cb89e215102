package org.referralbridge.mapping;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Lays a profile that says {@code extends: default} over the default profile: sections merge key by key, everything
 * else (a field's expressions, a code map, a list) is replaced as a whole, and an explicit null removes what the default
 * had. The name, description and format version are never inherited.
 */
final class ProfileMerge {

    /** The mappings that merge key by key; every other mapping is a value and is replaced. */
    private static final Set<String> SECTIONS = Set.of(
            "patient",
            "questionnaireResponse",
            "encounter",
            "coverage",
            "coverage.federalPrograms",
            "referrerMatching",
            "writeBack",
            "writeBack.referralSource",
            "writeBack.advocate",
            "writeBack.flag");

    private ProfileMerge() {}

    static YamlNode.Mapping over(YamlNode.Mapping base, YamlNode.Mapping profile) {
        return merge("", base, profile);
    }

    private static YamlNode.Mapping merge(String path, YamlNode.Mapping base, YamlNode.Mapping profile) {
        Map<String, YamlNode.Entry> merged = new LinkedHashMap<>();
        for (YamlNode.Entry entry : base.entries().values()) {
            if (!path.isEmpty() || SECTIONS.contains(entry.key())) {
                merged.put(entry.key(), entry);
            }
        }
        for (YamlNode.Entry entry : profile.entries().values()) {
            String childPath = Problems.child(path, entry.key());
            YamlNode.Entry inherited = merged.get(entry.key());
            if (inherited != null
                    && SECTIONS.contains(childPath)
                    && inherited.value() instanceof YamlNode.Mapping baseSection
                    && entry.value() instanceof YamlNode.Mapping profileSection) {
                merged.put(
                        entry.key(),
                        new YamlNode.Entry(
                                entry.key(), entry.keyMark(), merge(childPath, baseSection, profileSection)));
            } else {
                merged.put(entry.key(), entry);
            }
        }
        return new YamlNode.Mapping(merged, profile.mark());
    }
}
