package org.referralbridge.server.program;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code referralbridge.programs.*}.
 *
 * @param directory a directory of program files ({@code *.yaml}, {@code *.yml}) loaded at start; a bad file stops
 *     the start with every problem located. Blank: programs come through the API only
 */
@ConfigurationProperties("referralbridge.programs")
record ProgramProperties(String directory) {}
