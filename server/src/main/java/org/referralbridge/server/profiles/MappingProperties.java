package org.referralbridge.server.profiles;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code referralbridge.mapping.*}: where clinic IT's profiles are, and which one the EHR connection uses.
 *
 * @param directory a directory of profile files ({@code *.yaml}, {@code *.yml}) loaded at start besides the shipped
 *     ones; a profile there with a shipped profile's name replaces it. Blank: the shipped profiles only
 * @param profile the name of the profile the EHR connection reads its data with (the one the EHR is described by)
 */
@ConfigurationProperties("referralbridge.mapping")
record MappingProperties(
        String directory,
        @DefaultValue("referral-bridge-native") String profile) {}
