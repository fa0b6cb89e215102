package org.referralbridge.server.landing;

import org.springframework.stereotype.Service;

/**
 * The texts an advocate sends a friend from their own device (the practice never texts or emails the friend): an
 * email and an SMS naming the practice, the code and the friend link. For the front desk's advocate card.
 */
@Service
public class ShareTexts {

    private final LandingProperties properties;

    ShareTexts(LandingProperties properties) {
        this.properties = properties;
    }

    /** @param code the referral code as shown, e.g. {@code ABCD-2345}; @param link its friend link */
    public Texts of(String code, String link) {
        String practice = properties.practiceName();
        String email = "Hi,\n\nI'm a patient at " + practice + " and recommend them. If you are looking for a practice,"
                + " use my referral code " + code + " when you book, or open this link to ask them to contact you:\n"
                + link + "\n";
        String sms =
                "I'm a patient at " + practice + " and recommend them. Use my code " + code + " or this link: " + link;
        return new Texts("A practice I recommend: " + practice, email, sms);
    }

    /** @param emailSubject the email's subject line */
    public record Texts(String emailSubject, String email, String sms) {}
}
