package org.referralbridge.server.security;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

interface StaffUsers extends Repository<StaffUser, UUID> {

    Optional<StaffUser> findByUsername(String username);

    boolean existsByUsername(String username);

    long count();

    List<StaffUser> findAllByOrderByUsername();

    StaffUser saveAndFlush(StaffUser user);
}
