package org.referralbridge.server.web;

/**
 * A request parameter out of its range or form; answered as a 400 problem (RB-1003) naming the parameter. The message
 * says what is allowed, never what was sent.
 */
public final class InvalidParameter extends RuntimeException {

    private final String parameter;

    public InvalidParameter(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
