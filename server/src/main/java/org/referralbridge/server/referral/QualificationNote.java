package org.referralbridge.server.referral;

/** Why a linked referral is not qualified although its patient had a finished Encounter; shown to staff as is. */
public enum QualificationNote {
    /** A finished Encounter of a qualifying kind came after the program's window (days after the referral). */
    QUALIFICATION_WINDOW_EXPIRED("The first qualifying Encounter finished after the program's qualification window.");

    private final String description;

    QualificationNote(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
