package org.referralbridge.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenRolesTests {

    @Test
    void readsAListOfRolesAndKeepsOnlyTheServicesFour() {
        AbstractAuthenticationToken caller = new TokenRoles(new SecurityProperties.Oidc("roles", "preferred_username"))
                .convert(jwt(Map.of("roles", List.of("front-desk", "auditor", "admin"), "preferred_username", "d1")));

        assertThat(authorities(caller)).containsExactly("ROLE_auditor", "ROLE_front-desk");
        assertThat(caller.getName()).isEqualTo("d1");
    }

    @Test
    void followsADottedPathAndReadsASpaceSeparatedString() {
        TokenRoles keycloak = new TokenRoles(new SecurityProperties.Oidc("realm_access.roles", "preferred_username"));
        TokenRoles scopes = new TokenRoles(new SecurityProperties.Oidc("scope", "preferred_username"));

        assertThat(authorities(keycloak.convert(jwt(Map.of("realm_access", Map.of("roles", List.of("clinic-it")))))))
                .containsExactly("ROLE_clinic-it");
        assertThat(authorities(scopes.convert(jwt(Map.of("scope", "openid program-admin")))))
                .containsExactly("ROLE_program-admin");
    }

    @Test
    void aTokenWithoutTheClaimHasNoRoleAndIsNamedByItsSubject() {
        AbstractAuthenticationToken caller = new TokenRoles(new SecurityProperties.Oidc("roles", "preferred_username"))
                .convert(jwt(Map.of("realm_access", "not an object")));

        assertThat(authorities(caller)).isEmpty();
        assertThat(caller.getName()).isEqualTo("subject-1");
    }

    private static List<String> authorities(AbstractAuthenticationToken caller) {
        return caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder jwt = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("subject-1")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(jwt::claim);
        return jwt.build();
    }
}
