package org.referralbridge.server.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.web.Problems;
import org.referralbridge.server.web.Roles;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The local user store's users (mode {@code local}; with OIDC the identity provider keeps them). */
@RestController
@RequestMapping("/api/users")
@ConditionalOnProperty(name = "referralbridge.security.mode", havingValue = "local", matchIfMissing = true)
class UserController {

    private final LocalUsers users;
    private final ApplicationEventPublisher events;

    UserController(LocalUsers users, ApplicationEventPublisher events) {
        this.users = users;
        this.events = events;
    }

    /** Adds a user with roles: 201, or 409 {@code RB-1401} when the name is taken. */
    @PostMapping
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    ResponseEntity<StaffUserView> add(@Valid @RequestBody NewUser request, Principal caller) {
        StaffUserView added = users.add(request.username(), request.password(), request.roles(), caller.getName());
        events.publishEvent(ChangeMade.succeeded(AuditAction.USER_ADDED, "user/" + added.username()));
        return ResponseEntity.created(URI.create("/api/users/" + added.username()))
                .body(added);
    }

    @GetMapping
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    List<StaffUserView> all() {
        return users.all();
    }

    @ExceptionHandler(LocalUsers.UserExists.class)
    ResponseEntity<ProblemDetail> exists(LocalUsers.UserExists e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(Problems.of(HttpStatus.CONFLICT, "RB-1401", "User exists", "a user of that name exists"));
    }

    /**
     * @param username lower-case letters, digits, '.', '_' or '-'
     * @param password 12 to 128 characters
     * @param roles one or more of program-admin, clinic-it, front-desk, auditor
     */
    record NewUser(
            @NotBlank(message = "username is required")
            @Pattern(
                    regexp = "[a-z0-9._-]{1,64}",
                    message = "username must be 1-64 lower-case letters, digits, '.', '_' or '-'")
            String username,

            @NotNull(message = "password is required")
            @Size(min = 12, max = 128, message = "password must be 12 to 128 characters")
            String password,

            @NotEmpty(message = "roles must name at least one role")
            Set<
                            @NotNull
                            @Pattern(
                                    regexp = "program-admin|clinic-it|front-desk|auditor",
                                    message = "roles must be program-admin, clinic-it, front-desk or auditor")
                            String>
                    roles) {}
}
