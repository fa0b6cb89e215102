package org.referralbridge.server.program;

public class ProgramConflict extends RuntimeException {
    ProgramConflict(String message) {
        super(message);
    }
}
