package org.referralbridge.server.surveys;

import jakarta.annotation.security.RolesAllowed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.referralbridge.server.messages.MessagesProperties;
import org.referralbridge.server.web.InvalidParameter;
import org.referralbridge.server.web.Problems;
import org.referralbridge.server.web.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A program admin sends a survey round ({@code POST /api/surveys/send}) and reads its results ({@code GET
 * /api/surveys/results}, JSON or CSV). The results hold the advocates' comments: program admins only.
 */
@RestController
@RequestMapping("/api/surveys")
class SurveyController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final int MAX_PATIENTS = 1000;

    private final Surveys surveys;
    private final boolean enabled;

    SurveyController(Surveys surveys, MessagesProperties messages) {
        this.surveys = surveys;
        this.enabled = messages.enabled();
    }

    /**
     * @param roundId the round's id, to send it again safely (each advocate gets a round once); new when absent
     * @param patientIds the advocates to ask; with {@code allAdvocates} true, leave it out
     * @param allAdvocates send to every enrolled advocate
     */
    record SendRequest(String roundId, List<String> patientIds, Boolean allAdvocates) {}

    /** 202 with the round and the patients by outcome; 400 {@code RB-2902}; 409 {@code RB-2901}. */
    @PostMapping("/send")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    ResponseEntity<?> send(@RequestBody SendRequest body) {
        if (!enabled) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Problems.of(
                            HttpStatus.CONFLICT,
                            "RB-2901",
                            "Program messages are off",
                            "set referralbridge.messages.enabled (and the sender's settings) to send surveys"));
        }
        boolean all = Boolean.TRUE.equals(body.allAdvocates());
        List<String> patients = body.patientIds();
        String problem = null;
        if (body.roundId() != null && !ID.matcher(body.roundId()).matches()) {
            problem = "roundId: letters, digits, '-' and '.', 1 to 64 characters";
        } else if (all && patients != null) {
            problem = "patientIds or allAdvocates, not both";
        } else if (!all && (patients == null || patients.isEmpty() || patients.size() > MAX_PATIENTS)) {
            problem = "patientIds: 1 to " + MAX_PATIENTS + " Patient ids, or allAdvocates: true";
        } else if (!all
                && !patients.stream()
                        .allMatch(id -> id != null && ID.matcher(id).matches())) {
            problem = "patientIds: each a FHIR id";
        }
        if (problem != null) {
            return ResponseEntity.badRequest()
                    .body(Problems.of(HttpStatus.BAD_REQUEST, "RB-2902", "Invalid survey request", problem));
        }
        String round =
                body.roundId() != null ? body.roundId() : Surveys.newRound().toString();
        return ResponseEntity.accepted().body(surveys.send(round, all ? null : patients));
    }

    @GetMapping(path = "/results", produces = MediaType.APPLICATION_JSON_VALUE)
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    SurveyResults results(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant start = from == null ? Instant.EPOCH : day("from", from);
        Instant end = to == null
                ? Instant.parse("9999-01-01T00:00:00Z")
                : day("to", to).plusSeconds(86_400);
        if (!end.isAfter(start)) {
            throw new InvalidParameter("to", "to must not be before from");
        }
        return surveys.results(start, end);
    }

    /** The figures as {@code figure,value} rows, then the reward preferences, then the comments. */
    @GetMapping(path = "/results", produces = "text/csv")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        SurveyResults results = results(from, to);
        StringBuilder csv = new StringBuilder("section,key,value\r\n");
        row(csv, "figure", "responses", Integer.toString(results.responses()));
        row(csv, "figure", "promoters", Integer.toString(results.promoters()));
        row(csv, "figure", "passives", Integer.toString(results.passives()));
        row(csv, "figure", "detractors", Integer.toString(results.detractors()));
        row(csv, "figure", "netPromoterScore", number(results.netPromoterScore()));
        row(csv, "figure", "recommendMean", number(results.recommendMean()));
        row(csv, "figure", "experienceMean", number(results.experienceMean()));
        for (Map.Entry<String, Integer> preference : results.rewardPreferences().entrySet()) {
            row(csv, "rewardPreference", preference.getKey(), Integer.toString(preference.getValue()));
        }
        for (SurveyResults.Comment comment : results.comments()) {
            row(csv, "comment:" + comment.item(), comment.answeredAt().toString(), comment.text());
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"survey-results.csv\"")
                .body(csv.toString());
    }

    /** The same CSV for {@code format=csv}: a link (the reports dashboard's "Download CSV") cannot set Accept. */
    @GetMapping(path = "/results", params = "format=csv")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    ResponseEntity<String> csvByFormat(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return csv(from, to);
    }

    private static Instant day(String name, String value) {
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name, name + " must be a date, YYYY-MM-DD");
        }
    }

    private static String number(Double value) {
        return value == null ? "" : value.toString();
    }

    private static void row(StringBuilder csv, String section, String key, String value) {
        csv.append(cell(section))
                .append(',')
                .append(cell(key))
                .append(',')
                .append(cell(value))
                .append("\r\n");
    }

    /** RFC 4180 quoting, and a leading {@code =}, {@code +}, {@code -} or {@code @} defused for spreadsheets. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
