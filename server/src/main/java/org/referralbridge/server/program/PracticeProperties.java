package org.referralbridge.server.program;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.Optional;
import org.referralbridge.server.compliance.PracticeCaps;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.practice.*}.
 *
 * @param state the practice's state as a USPS code (e.g. {@code FL}): it selects the compliance state pack; blank:
 *     federal rules only
 * @param capPerItem the practice's own cap on one reward item's retail value (USD), stricter than the law's; empty:
 *     none
 * @param capPerYear the practice's own cap on what one referrer receives per calendar year (USD); empty: none
 */
@Validated
@ConfigurationProperties("referralbridge.practice")
public record PracticeProperties(
        @Pattern(
                regexp = "^$|AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH"
                        + "|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI|AS|MP",
                message = "must be a USPS state code such as FL, CA or TX")
        String state,

        @PositiveOrZero BigDecimal capPerItem,
        @PositiveOrZero BigDecimal capPerYear) {

    /** The practice's own caps, for the compliance engine. */
    public PracticeCaps caps() {
        return new PracticeCaps(Optional.ofNullable(capPerItem), Optional.ofNullable(capPerYear));
    }

    /** The state that selects the compliance state pack, or empty. */
    public Optional<String> stateCode() {
        return state == null || state.isBlank() ? Optional.empty() : Optional.of(state.strip());
    }
}
