package org.referralbridge.server.consent;

import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.referralbridge.server.referral.AdvocateView;
import org.referralbridge.server.referral.EhrPatients;
import org.referralbridge.server.referral.ReferralManagement;
import org.referralbridge.server.web.InvalidParameter;
import org.referralbridge.server.web.Roles;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The advocates the practice may name publicly on one channel (a newsletter, social media, the office display): only
 * those whose current recognition consent permits that channel, with the name the EHR holds now (read at the moment
 * of the request, never stored or logged). JSON, or CSV for a mail merge with {@code Accept: text/csv}.
 */
@RestController
@RequestMapping("/api/recognition")
class RecognitionController {

    private final ConsentState consents;
    private final ReferralManagement referrals;
    private final EhrPatients patients;

    RecognitionController(ConsentState consents, ReferralManagement referrals, EhrPatients patients) {
        this.consents = consents;
        this.referrals = referrals;
        this.patients = patients;
    }

    /** @param name as the EHR has it now; the advocate allowed it to be shown */
    record Recognised(String patientId, String name, String referralCode, int successfulReferrals) {}

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.FRONT_DESK})
    List<Recognised> list(@RequestParam(defaultValue = "newsletter") String channel) {
        if (!ConsentController.RECOGNITION_CHANNELS.contains(channel)) {
            throw new InvalidParameter("channel", "channel must be newsletter, social-media or office-display");
        }
        List<Recognised> recognised = new ArrayList<>();
        for (String patientId : consents.recognisable(channel)) {
            Optional<AdvocateView> advocate = referrals.advocateOfPatient(patientId);
            if (advocate.isEmpty()) {
                continue;
            }
            patients.summary(patientId)
                    .ifPresent(summary -> recognised.add(new Recognised(
                            patientId,
                            summary.name(),
                            advocate.get().referralCode(),
                            advocate.get().successfulReferrals())));
        }
        return recognised;
    }

    @GetMapping(produces = "text/csv")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.FRONT_DESK})
    ResponseEntity<String> csv(@RequestParam(defaultValue = "newsletter") String channel) {
        StringBuilder csv = new StringBuilder("patientId,name,referralCode,successfulReferrals\r\n");
        for (Recognised row : list(channel)) {
            csv.append(cell(row.patientId()))
                    .append(',')
                    .append(cell(row.name()))
                    .append(',')
                    .append(cell(row.referralCode()))
                    .append(',')
                    .append(row.successfulReferrals())
                    .append("\r\n");
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"recognition-" + channel + ".csv\"")
                .body(csv.toString());
    }

    /**
     * RFC 4180 quoting, and a leading {@code =}, {@code +}, {@code -} or {@code @} defused so that a spreadsheet
     * never runs a name as a formula.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
