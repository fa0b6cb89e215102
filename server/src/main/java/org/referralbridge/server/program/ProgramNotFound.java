package org.referralbridge.server.program;

public class ProgramNotFound extends RuntimeException {
    ProgramNotFound(String key) {
        super("No program with key '" + (key.length() > 64 ? key.substring(0, 64) + "…" : key) + "'");
    }
}
