package org.referralbridge.server.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** A member of staff who signs in with a user name and password (local mode); the password only as its hash. */
@Entity
@Table(name = "staff_user")
class StaffUser {

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private String roles;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    protected StaffUser() {}

    private StaffUser(String username, String passwordHash, Set<String> roles, Instant createdAt, String createdBy) {
        this.id = UUID.randomUUID();
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = String.join(",", new TreeSet<>(roles));
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    static StaffUser create(String username, String passwordHash, Set<String> roles, Instant now, String createdBy) {
        return new StaffUser(username, passwordHash, roles, now, createdBy);
    }

    String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }

    Set<String> roles() {
        return new TreeSet<>(Arrays.asList(roles.split(",")));
    }

    Instant createdAt() {
        return createdAt;
    }

    String createdBy() {
        return createdBy;
    }
}
