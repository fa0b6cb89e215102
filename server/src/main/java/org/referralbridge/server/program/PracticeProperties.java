package org.referralbridge.server.program;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.practice.*}.
 *
 * @param state the practice's state as a USPS code (e.g. {@code FL}): it selects the compliance state pack; blank:
 *     federal rules only
 */
@Validated
@ConfigurationProperties("referralbridge.practice")
public record PracticeProperties(
        @Pattern(
                regexp = "^$|AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH"
                        + "|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI|AS|MP",
                message = "must be a USPS state code such as FL, CA or TX")
        String state) {}
