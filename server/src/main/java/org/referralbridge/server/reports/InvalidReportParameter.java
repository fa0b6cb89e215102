package org.referralbridge.server.reports;

/** A report parameter that is not a date, a range that runs backwards or is too long, or a malformed program key. */
class InvalidReportParameter extends RuntimeException {

    private final String parameter;

    InvalidReportParameter(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
