package org.referralbridge.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.web.Roles;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class RequestActorTests {

    private final RequestActor actor = new RequestActor();

    @AfterEach
    void leaveTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void isThePrincipalWithTheRolesItIsInAndTheClientAddress() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setUserPrincipal(() -> "frontdesk.maria");
        request.addUserRole(Roles.AUDITOR);
        request.addUserRole(Roles.FRONT_DESK);
        request.addUserRole("some-other-role");
        request.setRemoteAddr("192.0.2.10");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        assertThat(actor.current())
                .isEqualTo(new Actor("frontdesk.maria", List.of(Roles.FRONT_DESK, Roles.AUDITOR), "192.0.2.10"));
    }

    @Test
    void isAnonymousWithoutRolesWhenTheRequestHasNoPrincipal() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addUserRole(Roles.PROGRAM_ADMIN);
        request.setRemoteAddr("198.51.100.7");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        assertThat(actor.current()).isEqualTo(new Actor(Actor.ANONYMOUS, List.of(), "198.51.100.7"));
    }

    @Test
    void isTheSystemOutsideARequest() {
        assertThat(actor.current()).isEqualTo(new Actor(Actor.SYSTEM, List.of(), null));
    }
}
