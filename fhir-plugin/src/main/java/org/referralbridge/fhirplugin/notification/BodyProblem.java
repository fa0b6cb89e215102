package org.referralbridge.fhirplugin.notification;

/** Why a pushed body was refused; each has a stable problem code for the HTTP answer and the logs. */
public enum BodyProblem {
    EMPTY("RB-2101"),
    MALFORMED_JSON("RB-2102"),
    NOT_AN_OBJECT("RB-2103"),
    NOT_A_RESOURCE("RB-2104"),
    WRONG_RESOURCE_TYPE("RB-2105"),
    WRONG_ID("RB-2106"),
    DUPLICATE_KEY("RB-2107"),
    NOT_UTF8("RB-2108"),
    WRONG_BUNDLE_TYPE("RB-2109"),
    MALFORMED_ENTRY("RB-2110"),
    NO_SUBSCRIPTION_STATUS("RB-2111"),
    TOO_MANY_ENTRIES("RB-2112");

    private final String code;

    BodyProblem(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
