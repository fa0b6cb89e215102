package org.referralbridge.server.security;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

/** The local user store (mode {@code local}): sign-in looks users up here, and program admins add them. */
class LocalUsers implements UserDetailsService {

    private final StaffUsers users;
    private final PasswordEncoder passwords;
    private final Clock clock;

    LocalUsers(StaffUsers users, PasswordEncoder passwords, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        StaffUser user = users.findByUsername(username)
                // the message reaches no one: the caller hears only that sign-in failed
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return User.withUsername(user.username())
                .password(user.passwordHash())
                .roles(user.roles().toArray(String[]::new))
                .build();
    }

    /** @throws UserExists when the name is taken (also when another instance took it a moment ago) */
    @Transactional
    StaffUserView add(String username, String password, Set<String> roles, String addedBy) {
        if (users.existsByUsername(username)) {
            throw new UserExists();
        }
        try {
            StaffUser user = users.saveAndFlush(
                    StaffUser.create(username, passwords.encode(password), roles, clock.instant(), addedBy));
            return StaffUserView.of(user);
        } catch (DataIntegrityViolationException takenMeanwhile) {
            throw new UserExists();
        }
    }

    @Transactional(readOnly = true)
    boolean none() {
        return users.count() == 0;
    }

    @Transactional(readOnly = true)
    List<StaffUserView> all() {
        return users.findAllByOrderByUsername().stream().map(StaffUserView::of).toList();
    }

    /** A user name taken already. */
    static final class UserExists extends RuntimeException {
        UserExists() {
            super("a user of that name exists", null, false, false);
        }
    }
}
