package org.referralbridge.server.landing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The landing page's form as the friend sent it, and what is wrong with it, in words next to each field. */
public class LeadForm {

    static final List<String> PREFERRED_TIMES = List.of("any", "morning", "afternoon", "evening");
    static final int MAX_MESSAGE = 500;
    static final int MAX_NAME = 200;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int PHONE_DIGITS = 10;
    private static final int SHORTEST_PHONE = 7;

    private String name;
    private String email;
    private String phone;
    private String preferredTime = "any";
    private String message;
    private boolean consentDisclosure;
    private boolean consentEmail;
    private boolean consentSms;
    /** The honeypot: hidden from people, filled in by bots. */
    private String website;
    /** The signed time the form was shown. */
    private String token;

    /** Each field's problem, in the order of the form; empty when the form can be accepted. */
    Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (blank(name)) {
            problems.put("name", "Enter your name.");
        } else if (name.strip().length() > MAX_NAME) {
            problems.put("name", "Your name can be at most " + MAX_NAME + " characters.");
        }
        boolean hasEmail = !blank(email);
        boolean hasPhone = !blank(phone);
        if (hasEmail
                && (email.strip().length() > 254
                        || !EMAIL.matcher(email.strip()).matches())) {
            problems.put("email", "Enter an email address such as name@example.org.");
        }
        if (hasPhone && (phone.strip().length() > 32 || phoneKey(phone) == null || !phone.matches("[0-9+()./\\s-]+"))) {
            problems.put("phone", "Enter a phone number of at least 7 digits, such as 555 010 1234.");
        }
        if (!hasEmail && !hasPhone) {
            problems.put("email", "Enter an email address or a phone number (or both), so the practice can reach you.");
        }
        if (preferredTime == null || !PREFERRED_TIMES.contains(preferredTime)) {
            problems.put("preferredTime", "Choose when you would like to be contacted.");
        }
        if (message != null && message.strip().length() > MAX_MESSAGE) {
            problems.put("message", "Your message can be at most " + MAX_MESSAGE + " characters.");
        }
        if (consentEmail && !hasEmail && !problems.containsKey("email")) {
            problems.put("consentEmail", "To receive program news by email, enter your email address.");
        }
        if (consentSms && !hasPhone && !problems.containsKey("phone")) {
            problems.put("consentSms", "To receive program news by text message, enter your phone number.");
        }
        return problems;
    }

    /** An email as compared with the EHR's: stripped, lower case; null when blank. */
    static String emailKey(String email) {
        return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** A phone as compared with the EHR's: its digits, the last ten of a longer number; null when too short. */
    static String phoneKey(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() < SHORTEST_PHONE) {
            return null;
        }
        return digits.length() > PHONE_DIGITS ? digits.substring(digits.length() - PHONE_DIGITS) : digits;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getPreferredTime() {
        return preferredTime;
    }

    public void setPreferredTime(String preferredTime) {
        this.preferredTime = preferredTime;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public boolean isConsentDisclosure() {
        return consentDisclosure;
    }

    public void setConsentDisclosure(boolean consentDisclosure) {
        this.consentDisclosure = consentDisclosure;
    }

    public boolean isConsentEmail() {
        return consentEmail;
    }

    public void setConsentEmail(boolean consentEmail) {
        this.consentEmail = consentEmail;
    }

    public boolean isConsentSms() {
        return consentSms;
    }

    public void setConsentSms(boolean consentSms) {
        this.consentSms = consentSms;
    }

    public String getWebsite() {
        return website;
    }

    public void setWebsite(String website) {
        this.website = website;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    String name() {
        return name;
    }

    String email() {
        return email;
    }

    String phone() {
        return phone;
    }

    String preferredTime() {
        return preferredTime;
    }

    String message() {
        return message;
    }

    boolean consentDisclosure() {
        return consentDisclosure;
    }

    boolean consentEmail() {
        return consentEmail;
    }

    boolean consentSms() {
        return consentSms;
    }

    @Override
    public String toString() {
        return "LeadForm[PHI]";
    }
}
