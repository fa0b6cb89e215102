package org.referralbridge.server.program;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.Repository;

interface ProgramDefinitions extends Repository<ProgramDefinition, String> {

    ProgramDefinition save(ProgramDefinition program);

    Optional<ProgramDefinition> findById(String key);

    List<ProgramDefinition> findAllByOrderByKeyAsc();
}
