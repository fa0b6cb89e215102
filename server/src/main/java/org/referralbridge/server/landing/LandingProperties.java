package org.referralbridge.server.landing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.landing.*}: what the friend's landing page says and how its form is guarded.
 *
 * @param practiceName the practice's name, in the page's title and heading and in the advocate's share texts
 * @param logoUrl the practice's logo (an absolute https address or a path of this service); blank: none
 * @param primaryColour the page's accent colour, {@code #rrggbb}; one with less than 4.5:1 contrast against white is
 *     replaced by the default (a warning at start says so)
 * @param intro the paragraph under the heading
 * @param privacyNotice what the practice does with what the friend sends
 * @param terms the program's terms in the practice's words, shown under the program's own description
 * @param minFillTime a form sent sooner after it was shown is refused (a person takes longer)
 * @param maxFormAge a form shown longer ago is refused (the friend is asked to send it again)
 * @param rateLimit how many forms one client address may send per {@code rateWindow}
 * @param rateWindow the window of {@code rateLimit}
 * @param tokenSecret the key of the form's time token; blank: a random one per start (a form shown before a restart
 *     is then refused once)
 */
@Validated
@ConfigurationProperties("referralbridge.landing")
record LandingProperties(
        @NotBlank @Size(max = 120) @DefaultValue("Our practice")
        String practiceName,

        @Pattern(regexp = "^$|https://[^\\s\"'<>]+|/[^\\s\"'<>]*", message = "must be an https address or a path")
        @DefaultValue("")
        String logoUrl,

        @NotNull
        @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "must be a colour as #rrggbb")
        @DefaultValue(LandingProperties.DEFAULT_COLOUR)
        String primaryColour,

        @NotBlank
        @Size(max = 2000)
        @DefaultValue("A patient of ours thought you might like to hear from us. Leave your details and we will"
                + " contact you to book a first visit.")
        String intro,

        @NotBlank
        @Size(max = 4000)
        @DefaultValue("We use what you send only to contact you about becoming a patient. We keep it in the practice's"
                + " systems, never sell or share it, and you can ask us to delete it at any time.")
        String privacyNotice,

        @NotNull @Size(max = 4000) @DefaultValue("") String terms,
        @NotNull @DefaultValue("3s") Duration minFillTime,
        @NotNull @DefaultValue("2h") Duration maxFormAge,
        @Min(1) @Max(1000) @DefaultValue("5") int rateLimit,
        @NotNull @DefaultValue("10m") Duration rateWindow,
        @DefaultValue("") String tokenSecret) {

    /** A dark blue with 8.6:1 contrast against white. */
    static final String DEFAULT_COLOUR = "#1d4f91";

    static final double MIN_CONTRAST = 4.5;

    /** The accent colour the page uses: the configured one when its contrast against white is enough. */
    String shownColour() {
        return contrastAgainstWhite(primaryColour) >= MIN_CONTRAST ? primaryColour.toLowerCase() : DEFAULT_COLOUR;
    }

    /** WCAG 2.1's contrast ratio of a {@code #rrggbb} colour against white. */
    static double contrastAgainstWhite(String colour) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        double luminance = 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
        return 1.05 / (luminance + 0.05);
    }

    private static double channel(int value) {
        double c = (value & 0xff) / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
