package org.referralbridge.server.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A staff member signed in to the staff app's pages through the clinic's identity provider (OIDC authorization code
 * flow): the same roles and name as a bearer token of theirs would give ({@link TokenRoles}), read from the ID token
 * and, where the provider has one, its userinfo answer. Someone without any of the four roles is signed in with none,
 * and every page answers them with the 403 page.
 */
final class OidcStaffUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();
    private final TokenRoles roles;

    OidcStaffUsers(TokenRoles roles) {
        this.roles = roles;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser signedIn = delegate.loadUser(request);
        Map<String, Object> claims = new LinkedHashMap<>(signedIn.getClaims());
        List<GrantedAuthority> authorities = roles.authorities(claims);
        String nameKey = claims.get(roles.usernameClaim()) instanceof String ? roles.usernameClaim() : "sub";
        return new DefaultOidcUser(authorities, signedIn.getIdToken(), signedIn.getUserInfo(), nameKey);
    }
}
