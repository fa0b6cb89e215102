package org.referralbridge.server.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.referralbridge.server.web.Roles;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a bearer token from the clinic's identity provider into a caller: the roles from the configured claim (a
 * list, or a space-separated string; a dotted path reaches into objects, e.g. Keycloak's {@code realm_access.roles}),
 * of which only the service's four count, and the name from the configured claim, else {@code sub}.
 */
final class TokenRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final Set<String> KNOWN =
            Set.of(Roles.PROGRAM_ADMIN, Roles.CLINIC_IT, Roles.FRONT_DESK, Roles.AUDITOR);

    private final String[] rolesPath;
    private final String usernameClaim;

    TokenRoles(SecurityProperties.Oidc oidc) {
        this.rolesPath = oidc.rolesClaim().split("\\.");
        this.usernameClaim = oidc.usernameClaim();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = jwt.hasClaim(usernameClaim) ? jwt.getClaimAsString(usernameClaim) : jwt.getSubject();
        return new JwtAuthenticationToken(jwt, authorities(jwt.getClaims()), name);
    }

    /** The service's roles among the claims', as {@code ROLE_<role>} authorities, sorted. */
    List<GrantedAuthority> authorities(Map<String, Object> claims) {
        return roles(claims).stream()
                .filter(KNOWN::contains)
                .distinct()
                .sorted()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }

    /** The claim that names the caller. */
    String usernameClaim() {
        return usernameClaim;
    }

    private List<String> roles(Map<String, Object> claims) {
        Object value = claims;
        for (String step : rolesPath) {
            if (!(value instanceof Map<?, ?> object)) {
                return List.of();
            }
            value = object.get(step);
        }
        if (value instanceof String spaceSeparated) {
            return List.of(spaceSeparated.trim().split("\\s+"));
        }
        if (value instanceof Collection<?> list) {
            return list.stream()
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .toList();
        }
        return List.of();
    }
}
