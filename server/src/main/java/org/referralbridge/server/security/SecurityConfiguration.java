package org.referralbridge.server.security;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.referralbridge.server.staff.StaffPages;
import org.referralbridge.server.web.RefusedRequests;
import org.referralbridge.server.web.Roles;
import org.referralbridge.server.web.SignInOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call what. The controllers declare their roles next to themselves ({@link DeclaredRoles}); the surfaces that
 * are not controllers get their rule here: {@code /actuator/health} (and its probes) answers anyone with its status
 * alone, the other actuator endpoints need {@code clinic-it}; the sandbox EHR answers only local callers (and does not
 * exist outside the embedded default); the servlet container's error dispatch is open, since it only words a refusal.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    /**
     * Paths whose callers are programs (the API, FHIR, CDS Hooks, the actuator): a refusal there is a 401, never a
     * redirect, and no CSRF token is asked for (no session signs them in).
     */
    private static final RequestMatcher NOT_PAGES = new OrRequestMatcher(List.of(
            path("/api/**"),
            path("/fhir/**"),
            path("/cds-services/**"),
            path("/cds-services"),
            path("/sandbox/**"),
            path("/actuator/**"),
            path("/error")));

    /** CDS Hooks calls carry the CDS client's own JWT, which the cds module checks, not the staff's identity provider. */
    private static final RequestMatcher CDS_HOOKS = path("/cds-services/**");

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            SecurityProperties properties,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> controllers,
            ObjectProvider<JwtDecoder> jwtDecoder,
            ObjectProvider<ClientRegistrationRepository> clientRegistrations,
            @Value("${referralbridge.sandbox.enabled:false}") boolean sandbox,
            @Value("${referralbridge.cds.allowed-origins:*}") List<String> cdsOrigins)
            throws Exception {
        boolean local = properties.mode() == SecurityProperties.Mode.LOCAL;
        ClientRegistrationRepository providers = local ? null : clientRegistrations.getIfAvailable();
        RefusedRequests refusals = new RefusedRequests(
                local ? "Basic realm=\"Referral Bridge\", charset=\"UTF-8\"" : "Bearer realm=\"Referral Bridge\"");
        RequestMatcher pages = new AndRequestMatcher(new NegatedRequestMatcher(NOT_PAGES), browser());
        HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
        requestCache.setRequestMatcher(pages);

        // the friend's landing form (/r/{code}) is anonymous: there is no signed-in session for a forged request to
        // ride, and a friend who took longer than a session to fill it in must not meet a 403; its own signed time
        // token, honeypot and rate limit guard it; the same for the hosted survey form (/s/{token}), whose signed
        // one-answer token is its key
        http.csrf(csrf -> csrf.ignoringRequestMatchers(NOT_PAGES, path("/r/*"), path("/s/*")))
                .cors(cors -> cors.configurationSource(cors(properties, cdsOrigins)))
                .requestCache(cache -> cache.requestCache(requestCache))
                .headers(headers -> headers.contentSecurityPolicy(csp ->
                                csp.policyDirectives(formActionsFor(properties.contentSecurityPolicy(), providers)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class))
                        .permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint())
                        .hasRole(Roles.CLINIC_IT)
                        .requestMatchers(path("/sandbox/**"))
                        // without the sandbox nothing is there: the answer is the dispatcher's 404
                        .access(sandbox ? new LocalCallers() : (auth, request) -> LocalCallers.GRANTED)
                        .requestMatchers(path("/error"))
                        .permitAll()
                        .anyRequest()
                        .access(new DeclaredRoles(controllers::getObject)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(
                                entryPoint(signInPage(local, providers), pages, refusals))
                        .accessDeniedHandler(accessDenied(pages, refusals)));
        if (local) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(refusals))
                    .formLogin(form -> form.loginPage(StaffPages.SIGN_IN).permitAll())
                    .logout(logout -> logout.logoutSuccessUrl(StaffPages.SIGNED_OUT));
        } else {
            if (jwtDecoder.getIfAvailable() == null) {
                throw new IllegalStateException("referralbridge.security.mode=oidc needs the identity provider:"
                        + " set spring.security.oauth2.resourceserver.jwt.issuer-uri (or .jwk-set-uri, or"
                        + " .public-key-location)");
            }
            DefaultBearerTokenResolver staffTokens = new DefaultBearerTokenResolver();
            http.oauth2ResourceServer(tokens -> tokens.bearerTokenResolver(
                            request -> CDS_HOOKS.matches(request) ? null : staffTokens.resolve(request))
                    .authenticationEntryPoint(refusals)
                    .accessDeniedHandler(refusals)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new TokenRoles(properties.oidc()))));
            if (providers != null) {
                // the staff app's pages: signed in through the same provider (authorization code flow), a session
                // after that; signing out ends the provider's session too where it offers that
                OidcClientInitiatedLogoutSuccessHandler signedOut =
                        new OidcClientInitiatedLogoutSuccessHandler(providers);
                signedOut.setPostLogoutRedirectUri("{baseUrl}" + StaffPages.SIGNED_OUT);
                signedOut.setDefaultTargetUrl(StaffPages.SIGNED_OUT);
                http.oauth2Login(login -> login.loginPage(StaffPages.SIGN_IN)
                                .failureUrl(StaffPages.SIGN_IN + "?error")
                                .userInfoEndpoint(info ->
                                        info.oidcUserService(new OidcStaffUsers(new TokenRoles(properties.oidc())))))
                        .logout(logout -> logout.logoutSuccessHandler(signedOut));
            }
        }
        return http.build();
    }

    /**
     * How the sign-in page signs staff in: the local form, or the clinic's identity providers (oidc mode with {@code
     * spring.security.oauth2.client.registration.*}); in oidc mode without any, pages cannot be signed in to.
     */
    @Bean
    SignInOptions signInOptions(
            SecurityProperties properties, ObjectProvider<ClientRegistrationRepository> clientRegistrations) {
        boolean local = properties.mode() == SecurityProperties.Mode.LOCAL;
        List<SignInOptions.Provider> providers = new ArrayList<>();
        ClientRegistrationRepository registered = local ? null : clientRegistrations.getIfAvailable();
        if (registered instanceof Iterable<?> all) {
            for (Object each : all) {
                ClientRegistration registration = (ClientRegistration) each;
                providers.add(new SignInOptions.Provider(
                        "/oauth2/authorization/" + registration.getRegistrationId(), registration.getClientName()));
            }
        }
        return new SignInOptions(local, providers);
    }

    /**
     * The policy, its {@code form-action} widened to the identity providers' origins: signing out is a form whose
     * answer sends the browser on to the provider's logout, and a browser holds a form's redirects to that directive.
     */
    static String formActionsFor(String policy, ClientRegistrationRepository providers) {
        if (!(providers instanceof Iterable<?> all)) {
            return policy;
        }
        java.util.Set<String> origins = new java.util.LinkedHashSet<>();
        for (Object each : all) {
            ClientRegistration.ProviderDetails provider = ((ClientRegistration) each).getProviderDetails();
            Object logout = provider.getConfigurationMetadata().get("end_session_endpoint");
            for (Object uri : List.of(String.valueOf(logout), provider.getAuthorizationUri())) {
                java.net.URI parsed = java.net.URI.create(String.valueOf(uri));
                if (parsed.getScheme() != null && parsed.getAuthority() != null) {
                    origins.add(parsed.getScheme() + "://" + parsed.getAuthority());
                }
            }
        }
        if (origins.isEmpty()) {
            return policy;
        }
        List<String> directives = new ArrayList<>();
        for (String directive : policy.split(";")) {
            String trimmed = directive.strip();
            if (trimmed.startsWith("form-action ") || trimmed.equals("form-action")) {
                trimmed = trimmed + " " + String.join(" ", origins);
            }
            if (!trimmed.isEmpty()) {
                directives.add(trimmed);
            }
        }
        return String.join("; ", directives);
    }

    /** Where a page sends someone not signed in: the sign-in page; none in oidc mode without a provider. */
    private static String signInPage(boolean local, ClientRegistrationRepository providers) {
        if (local) {
            return StaffPages.SIGN_IN;
        }
        if (providers instanceof Iterable<?> all) {
            List<String> ids = new ArrayList<>();
            all.forEach(each -> ids.add(((ClientRegistration) each).getRegistrationId()));
            // one provider: straight to it, the sign-in page would only show its one button
            return ids.size() == 1 ? "/oauth2/authorization/" + ids.get(0) : StaffPages.SIGN_IN;
        }
        return providers == null ? null : StaffPages.SIGN_IN;
    }

    @Bean
    @ConditionalOnProperty(name = "referralbridge.security.mode", havingValue = "local", matchIfMissing = true)
    LocalUsers localUsers(StaffUsers users, PasswordEncoder passwords, Clock clock) {
        return new LocalUsers(users, passwords, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "referralbridge.security.mode", havingValue = "local", matchIfMissing = true)
    AdminBootstrap adminBootstrap(LocalUsers users, SecurityProperties properties) {
        return new AdminBootstrap(users, properties);
    }

    /** bcrypt, behind an id prefix ({@code {bcrypt}...}) so a later encoder can take over without a reset. */
    @Bean
    PasswordEncoder passwordEncoder(SecurityProperties properties) {
        return new DelegatingPasswordEncoder(
                "bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(properties.bcryptStrength())));
    }

    /**
     * A signed-in user refused a page sees the staff app's 403 page (forwarded to, so the address stays); a program
     * hears the problem.
     */
    private static AccessDeniedHandler accessDenied(RequestMatcher pages, AccessDeniedHandler refusals) {
        AccessDeniedHandlerImpl page = new AccessDeniedHandlerImpl();
        page.setErrorPage(StaffPages.FORBIDDEN);
        LinkedHashMap<RequestMatcher, AccessDeniedHandler> byRequest = new LinkedHashMap<>();
        byRequest.put(pages, page);
        return new RequestMatcherDelegatingAccessDeniedHandler(byRequest, refusals);
    }

    /** Browser pages (the staff app's) go to the sign-in page, if there is one; everything else hears a 401. */
    private static AuthenticationEntryPoint entryPoint(
            String signInPage, RequestMatcher pages, AuthenticationEntryPoint refusals) {
        if (signInPage == null) {
            return refusals;
        }
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> byRequest = new LinkedHashMap<>();
        byRequest.put(pages, new LoginUrlAuthenticationEntryPoint(signInPage));
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(byRequest);
        entryPoint.setDefaultEntryPoint(refusals);
        return entryPoint;
    }

    /**
     * CORS: the API for the configured origins only; CDS Hooks for {@code referralbridge.cds.allowed-origins} (every
     * origin by default: a browser-based CDS client, such as the CDS Hooks sandbox, proves itself with its JWT, never
     * with a cookie, so no credentials are allowed).
     */
    static UrlBasedCorsConfigurationSource cors(SecurityProperties properties, List<String> cdsOrigins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.corsAllowedOrigins().isEmpty()) {
            CorsConfiguration api = new CorsConfiguration();
            api.setAllowedOrigins(properties.corsAllowedOrigins());
            api.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
            api.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match"));
            api.setMaxAge(3600L);
            source.registerCorsConfiguration("/api/**", api);
        }
        List<String> origins =
                cdsOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        if (!origins.isEmpty()) {
            CorsConfiguration cds = new CorsConfiguration();
            cds.setAllowedOriginPatterns(origins);
            cds.setAllowedMethods(List.of("GET", "POST"));
            cds.setAllowedHeaders(List.of("Authorization", "Content-Type"));
            cds.setAllowCredentials(false);
            cds.setMaxAge(3600L);
            source.registerCorsConfiguration("/cds-services", cds);
            source.registerCorsConfiguration("/cds-services/**", cds);
        }
        return source;
    }

    private static RequestMatcher browser() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return html;
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }
}
