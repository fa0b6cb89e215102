package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.referralbridge.server.ehr.EhrConnectionStatus;
import org.referralbridge.server.ingest.CatchUpRun;
import org.referralbridge.server.ingest.IngestStatus;
import org.referralbridge.server.web.Roles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The EHR connection as clinic IT sees it: base URL, how the service signs in (never a secret), the Subscriptions it
 * keeps on the EHR, the catch-up poller's last run and the circuit breaker, in plain words.
 */
@Controller
class ClinicItConnectionPage {

    private final EhrConnectionStatus ehr;
    private final IngestStatus ingest;

    ClinicItConnectionPage(EhrConnectionStatus ehr, IngestStatus ingest) {
        this.ehr = ehr;
        this.ingest = ingest;
    }

    @GetMapping(path = "/it/connection", produces = "text/html")
    @RolesAllowed(Roles.CLINIC_IT)
    String connection(Model model) {
        EhrConnectionStatus.Connection connection = ehr.connection();
        EhrConnectionStatus.Breaker breaker = ehr.breaker();
        IngestStatus.Subscriptions subscriptions = ingest.subscriptions();
        model.addAttribute("connection", connection);
        model.addAttribute("auth", auth(connection));
        model.addAttribute("connectTimeout", ClinicItFormats.duration(connection.connectTimeout()));
        model.addAttribute("readTimeout", ClinicItFormats.duration(connection.readTimeout()));
        model.addAttribute("breaker", breaker);
        model.addAttribute("breakerState", breakerState(breaker.state()));
        model.addAttribute("breakerMeaning", breakerMeaning(breaker));
        model.addAttribute("failureRate", breaker.failureRate() < 0 ? null : Math.round(breaker.failureRate()));
        model.addAttribute("waitInOpen", ClinicItFormats.duration(breaker.waitInOpen()));
        model.addAttribute("subscriptions", subscriptions);
        model.addAttribute("subscriptionsCheckedAt", ClinicItFormats.time(subscriptions.checkedAt()));
        model.addAttribute("catchUp", ingest.lastCatchUp().map(CatchUpView::of).orElse(null));
        model.addAttribute("catchUpInterval", ClinicItFormats.duration(ingest.catchUpInterval()));
        return "staff/it/connection";
    }

    /** Re-creates or re-activates the Subscriptions that are missing or off (as {@code POST .../check} does). */
    @PostMapping(path = "/it/connection/subscriptions/check")
    @RolesAllowed(Roles.CLINIC_IT)
    String checkSubscriptions(RedirectAttributes redirect) {
        IngestStatus.Subscriptions checked = ingest.checkSubscriptionsNow();
        if (checked.healthy()) {
            redirect.addFlashAttribute(
                    "notice", "Checked: all " + checked.items().size() + " Subscriptions exist on the EHR and are on.");
        } else if (checked.failure() != null) {
            redirect.addFlashAttribute(
                    "problem", "The EHR could not be checked: " + checked.failure() + ". The next check tries again.");
        } else {
            redirect.addFlashAttribute(
                    "problem",
                    "Checked, but not every Subscription is on: see the table. The catch-up poller still finds"
                            + " every change, only later.");
        }
        return "redirect:/it/connection";
    }

    private static String auth(EhrConnectionStatus.Connection connection) {
        switch (connection.authType()) {
            case "none":
                return "None: the service calls the EHR without signing in.";
            case "basic":
                return "Basic: a user name and password (referralbridge.ehr.auth.username and password; not shown).";
            case "bearer":
                return "Bearer token: a fixed token (referralbridge.ehr.auth.token; not shown).";
            case "smart-backend":
                return "SMART Backend Services: a signed JWT is exchanged for an access token, as client "
                        + connection.smartClientId() + " at "
                        + (connection.smartTokenEndpoint() == null
                                        || connection.smartTokenEndpoint().isBlank()
                                ? "the token endpoint the EHR's .well-known/smart-configuration names"
                                : connection.smartTokenEndpoint())
                        + " (the private key is not shown).";
            default:
                return connection.authType();
        }
    }

    static String breakerState(String state) {
        switch (state) {
            case "CLOSED":
                return "Closed";
            case "OPEN":
            case "FORCED_OPEN":
                return "Open";
            case "HALF_OPEN":
                return "Half-open";
            default:
                return state.charAt(0)
                        + state.substring(1).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    private static String breakerMeaning(EhrConnectionStatus.Breaker breaker) {
        switch (breaker.state()) {
            case "CLOSED":
                return "Calls to the EHR go through. The breaker opens when " + breaker.failureRateThreshold()
                        + " % of the last " + breaker.window() + " calls failed (counted once "
                        + breaker.minimumCalls() + " calls were made).";
            case "OPEN":
            case "FORCED_OPEN":
                return "Too many calls to the EHR failed, so the workers leave it alone for "
                        + ClinicItFormats.duration(breaker.waitInOpen())
                        + " before trying again. Notifications are still accepted and wait in the inbox; nothing"
                        + " is lost.";
            case "HALF_OPEN":
                return "The workers are making a few trial calls to see whether the EHR is back; if they pass, the"
                        + " breaker closes.";
            default:
                return "The breaker is not counting failures in its usual way (" + breaker.state() + ").";
        }
    }

    /** The catch-up poller's latest run, as the page writes it. */
    record CatchUpView(
            String startedAt, String took, long found, int queued, List<String> polled, List<String> failed) {

        static CatchUpView of(CatchUpRun run) {
            return new CatchUpView(
                    ClinicItFormats.time(run.startedAt()),
                    took(java.time.Duration.between(run.startedAt(), run.finishedAt())),
                    run.found(),
                    run.queued(),
                    run.polledTypes(),
                    run.failedTypes());
        }

        private static String took(java.time.Duration duration) {
            return duration.getSeconds() < 1 ? "under a second" : ClinicItFormats.duration(duration);
        }
    }
}
