package org.referralbridge.server.profiles;

/** HAPI's parser messages, reduced to what names the problem: they can quote the offending value, which may be PHI. */
final class FhirMessages {

    private FhirMessages() {}

    static String withoutValues(String message) {
        if (message == null) {
            return "unreadable";
        }
        String cut = message.replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("'[^']*'", "'…'");
        return cut.length() > 300 ? cut.substring(0, 300) + "…" : cut;
    }
}
