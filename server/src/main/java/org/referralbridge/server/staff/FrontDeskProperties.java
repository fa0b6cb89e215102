package org.referralbridge.server.staff;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.staff.*}: the front desk's settings.
 *
 * @param friendLinkBase where a referred friend opens the practice's referral page; an advocate's card links to
 *     {@code <friendLinkBase>/r/<code>}
 */
@Validated
@ConfigurationProperties("referralbridge.staff")
record FrontDeskProperties(
        @NotBlank
        @Pattern(regexp = "https?://[^\\s]+", message = "must be an http or https address")
        @DefaultValue("http://localhost:8080")
        String friendLinkBase) {

    /** The friend link of a referral code. */
    String friendLink(String code) {
        String base = friendLinkBase.endsWith("/")
                ? friendLinkBase.substring(0, friendLinkBase.length() - 1)
                : friendLinkBase;
        return base + "/r/" + code;
    }
}
