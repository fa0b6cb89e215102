package org.referralbridge.server.program;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/** A stored program: its checked document and where it came from. */
@Entity
@Table(name = "program_definition")
class ProgramDefinition {

    static final String FROM_API = "api";

    @Id
    @Column(name = "program_key")
    private String key;

    @Column(nullable = false)
    private String name;

    @Column(name = "is_default", nullable = false)
    private boolean isDefault;

    @Column(name = "start_date", nullable = false)
    private LocalDate start;

    @Column(name = "end_date")
    private LocalDate end;

    @Column(nullable = false)
    private String document;

    @Column(nullable = false)
    private String source;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Version
    private long version;

    protected ProgramDefinition() {}

    ProgramDefinition(String key) {
        this.key = key;
    }

    void define(ProgramDocument program, String json, String source, String actor, Instant now) {
        this.name = program.name();
        this.isDefault = program.defaultProgram();
        this.start = program.start();
        this.end = program.end();
        this.document = json;
        this.source = source;
        this.updatedBy = actor;
        this.updatedAt = now;
    }

    String key() {
        return key;
    }

    String document() {
        return document;
    }

    String source() {
        return source;
    }

    boolean isDefault() {
        return isDefault;
    }

    LocalDate end() {
        return end;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    String updatedBy() {
        return updatedBy;
    }

    long version() {
        return version;
    }
}
