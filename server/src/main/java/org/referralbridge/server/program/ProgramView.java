package org.referralbridge.server.program;

import java.time.Instant;

/** A program as the API shows it: the document, where it came from, and who changed it last. */
public record ProgramView(ProgramDocument program, String source, Instant updatedAt, String updatedBy, long version) {}
