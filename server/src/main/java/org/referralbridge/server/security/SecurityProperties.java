package org.referralbridge.server.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.security.*}: how staff and systems sign in.
 *
 * @param mode {@code local} (the embedded default: users in the database, HTTP Basic and a login form) or {@code oidc}
 *     (production: bearer JWTs from the clinic's identity provider, configured with Spring Boot's
 *     {@code spring.security.oauth2.resourceserver.jwt.*})
 * @param adminPassword the password of the {@code admin} user created at the first start of {@code local} mode when
 *     no user exists; blank = a generated one, printed once in the log. Read from the environment or a file
 *     ({@code spring.config.import=configtree:...}), never stored but as a hash
 * @param bcryptStrength the work factor of stored password hashes (each sign-in costs 2^strength rounds)
 * @param oidc where the roles and the user name are in a token
 * @param corsAllowedOrigins origins a browser may call the API from; empty = none (same origin only)
 * @param contentSecurityPolicy the {@code Content-Security-Policy} of every response
 */
@Validated
@ConfigurationProperties("referralbridge.security")
record SecurityProperties(
        @NotNull @DefaultValue("local") Mode mode,

        @Size(min = 12, message = "must be at least 12 characters, or blank for a generated one")
        String adminPassword,

        @Min(4) @Max(16) @DefaultValue("10") int bcryptStrength,
        @Valid @NotNull @DefaultValue Oidc oidc,

        @NotNull @DefaultValue
        List<
                        @Pattern(
                                regexp = "https?://[^/\\s]+",
                                message = "must be an origin such as"
                                        + " https://staff.example.org (scheme, host, optional port; no path)")
                        String>
                corsAllowedOrigins,

        @NotBlank
        @DefaultValue("default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none';"
                + " object-src 'none'")
        String contentSecurityPolicy) {

    SecurityProperties {
        adminPassword = adminPassword == null || adminPassword.isBlank() ? null : adminPassword;
    }

    enum Mode {
        LOCAL,
        OIDC
    }

    /**
     * @param rolesClaim the claim holding the caller's roles, a list or a space-separated string; a dotted path
     *     reaches into objects ({@code realm_access.roles} for Keycloak). Values other than the four roles are ignored
     * @param usernameClaim the claim naming the caller in the audit trail; {@code sub} when the token lacks it
     */
    record Oidc(
            @NotBlank @DefaultValue("roles") String rolesClaim,
            @NotBlank @DefaultValue("preferred_username") String usernameClaim) {}
}
