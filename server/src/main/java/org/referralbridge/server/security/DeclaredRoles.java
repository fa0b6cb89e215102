package org.referralbridge.server.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.RequestPath;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Lets a request through to a controller only as that controller declares next to itself: {@link RolesAllowed} (one
 * of these roles) or {@link PermitAll} (anyone; another check guards it), on the handler method or its class. A
 * handler that declares neither is refused to everyone, so an endpoint added without a rule is closed, not open.
 *
 * <p>The handler is found by the same {@link RequestMappingHandlerMapping} the dispatcher uses, so both agree on which
 * endpoint a request is for. A request no controller maps is let through to be answered 404 (or by the other
 * mappings, whose rules are in {@link SecurityConfiguration}), and so is one whose URL exists but whose method or media
 * type does not match: no handler runs for either, the dispatcher answers 404, 405, 406 or 415. Under {@code /api} such
 * a request needs a signed-in caller (any role), so the API cannot be mapped anonymously.
 */
final class DeclaredRoles implements AuthorizationManager<RequestAuthorizationContext> {

    private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
    private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);
    private static final RequestMatcher API =
            PathPatternRequestMatcher.withDefaults().matcher("/api/**");

    private final Supplier<RequestMappingHandlerMapping> controllers;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    /** @param controllers the dispatcher's mapping of controllers, looked up at the first request */
    DeclaredRoles(Supplier<RequestMappingHandlerMapping> controllers) {
        this.controllers = controllers;
    }

    /**
     * What a handler declares, the method's annotation before its class's: empty when neither declares anything (the
     * endpoint is then refused to everyone).
     */
    static Optional<Rule> ruleOf(HandlerMethod handler) {
        return ruleOn(handler.getMethod()).or(() -> ruleOn(handler.getBeanType()));
    }

    private static Optional<Rule> ruleOn(AnnotatedElement element) {
        RolesAllowed roles = AnnotatedElementUtils.findMergedAnnotation(element, RolesAllowed.class);
        if (roles != null) {
            return Optional.of(new Rule(false, Set.of(roles.value())));
        }
        if (AnnotatedElementUtils.findMergedAnnotation(element, PermitAll.class) != null) {
            return Optional.of(new Rule(true, Set.of()));
        }
        return Optional.empty();
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Optional<HandlerMethod> handler;
        try {
            handler = handlerFor(context.getRequest());
        } catch (Exception urlExistsButNotThisWay) {
            handler = Optional.empty();
        }
        if (handler.isEmpty()) {
            // no handler runs: the dispatcher answers 404, 405, 406 or 415; under /api only to a signed-in caller,
            // so that nobody maps the API without signing in
            return !API.matches(context.getRequest()) || signedIn(authentication.get()) ? GRANTED : DENIED;
        }
        return ruleOf(handler.get())
                .map(rule -> rule.allows(authentication.get(), trust) ? GRANTED : DENIED)
                .orElse(DENIED);
    }

    private boolean signedIn(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated() && !trust.isAnonymous(authentication);
    }

    private Optional<HandlerMethod> handlerFor(HttpServletRequest request) throws Exception {
        RequestPath previous = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request)
                : null;
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = controllers.get().getHandler(request);
            return chain != null && chain.getHandler() instanceof HandlerMethod method
                    ? Optional.of(method)
                    : Optional.empty();
        } finally {
            if (previous == null) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            } else {
                ServletRequestPathUtils.setParsedRequestPath(previous, request);
            }
        }
    }

    /** A handler's declaration: anyone, or a signed-in caller holding one of {@code roles}. */
    record Rule(boolean anyone, Set<String> roles) {

        boolean allows(Authentication authentication, AuthenticationTrustResolver trust) {
            if (anyone) {
                return true;
            }
            if (authentication == null || !authentication.isAuthenticated() || trust.isAnonymous(authentication)) {
                return false;
            }
            return holds(authentication.getAuthorities()).stream().anyMatch(roles::contains);
        }

        static Set<String> holds(Collection<? extends GrantedAuthority> authorities) {
            return authorities.stream()
                    .map(GrantedAuthority::getAuthority)
                    .filter(a -> a.startsWith("ROLE_"))
                    .map(a -> a.substring("ROLE_".length()))
                    .collect(Collectors.toSet());
        }

        @Override
        public String toString() {
            return anyone ? "anyone" : Arrays.toString(roles.stream().sorted().toArray());
        }
    }
}
