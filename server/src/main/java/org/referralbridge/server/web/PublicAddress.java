package org.referralbridge.server.web;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where patients and friends reach this service: {@code referralbridge.public-base-url}, e.g. {@code
 * https://referrals.example-clinic.org}. Every link the service hands out starts with it: the friend link and QR code
 * on an advocate's card ({@code /r/<code>}), the opt-out link of program e-mail, the hosted survey form ({@code
 * /s/<token>}). The two keys that named it before, {@code referralbridge.messages.public-base-url} and {@code
 * referralbridge.staff.friend-link-base}, still count when the new one is not set; without any, {@code
 * http://localhost:<server.port>} (fine on one machine, wrong for anything sent to a patient: program messages
 * need it set).
 */
@Component
public class PublicAddress {

    /** The setting, then the keys that named it before, in the order they count. */
    public static final List<String> KEYS = List.of(
            "referralbridge.public-base-url",
            "referralbridge.messages.public-base-url",
            "referralbridge.staff.friend-link-base");

    private static final Pattern HTTP = Pattern.compile("https?://[^\\s/?#]+(/[^\\s?#]*)?");

    private final String base;
    private final String key;

    public PublicAddress(Environment environment) {
        String found = null;
        String from = null;
        for (String candidate : KEYS) {
            String value = environment.getProperty(candidate);
            if (value != null && !value.isBlank()) {
                found = value.strip();
                from = candidate;
                break;
            }
        }
        if (found == null) {
            String port = environment.getProperty("server.port", "8080");
            found = "http://localhost:" + ("0".equals(port) ? "8080" : port);
        } else if (!HTTP.matcher(found).matches()) {
            throw new IllegalStateException(
                    from + " must be an http or https address such as https://referrals.example-clinic.org"
                            + " (no query or fragment)");
        }
        this.base = found.replaceAll("/+$", "");
        this.key = from;
    }

    /** The address without a trailing slash. */
    public String base() {
        return base;
    }

    /** Whether it was set (under any of {@link #KEYS}), rather than the local default. */
    public boolean configured() {
        return key != null;
    }

    /** The absolute address of a path of this service ({@code /r/ABCD-EFGH}). */
    public String of(String path) {
        return base + (path.startsWith("/") ? path : "/" + path);
    }
}
