package org.referralbridge.server.ingest;

import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import org.referralbridge.server.web.Problems;
import org.referralbridge.server.web.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** How many notification secrets are active and in use, and the reload that rotates them. Never a secret. */
@RestController
@RequestMapping("/api/ehr/notify-secrets")
class NotifySecretsController {

    private final NotifySecrets secrets;
    private final NotifySecretRotation rotation;

    NotifySecretsController(NotifySecrets secrets, NotifySecretRotation rotation) {
        this.secrets = secrets;
        this.rotation = rotation;
    }

    @GetMapping
    @RolesAllowed({Roles.CLINIC_IT, Roles.AUDITOR})
    SecretsView usage() {
        return SecretsView.of(secrets.usage());
    }

    /** Re-reads the secrets file and re-registers the Subscriptions with the current secret, now. */
    @PostMapping("/reload")
    @RolesAllowed(Roles.CLINIC_IT)
    ReloadView reload() {
        NotifySecretRotation.Rotation rotation = this.rotation.reloadNow();
        return new ReloadView(
                rotation.reload().active(),
                rotation.reload().changed(),
                rotation.reload().currentChanged(),
                rotation.subscriptionsReregistered(),
                rotation.subscriptions(),
                rotation.failure(),
                SecretsView.of(secrets.usage()));
    }

    @ExceptionHandler
    ProblemDetail unreadable(NotifySecretsUnreadable e) {
        return Problems.of(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "RB-2201",
                "Secrets file not usable",
                e.getMessage() + "; the secrets in use were kept");
    }

    /**
     * @param activeSecrets how many secrets the endpoint accepts now
     * @param secretsChanged whether the file held other secrets than those in use before
     * @param currentChanged whether the current secret (the Subscriptions') changed
     * @param subscriptionsReregistered how many Subscriptions were written, e.g. their header set to the new secret
     * @param subscriptions the ids of the service's Subscriptions on the EHR
     * @param failure why the Subscriptions could not be re-registered, or null: keep the old secret until they are
     */
    record ReloadView(
            int activeSecrets,
            boolean secretsChanged,
            boolean currentChanged,
            int subscriptionsReregistered,
            List<String> subscriptions,
            String failure,
            SecretsView secrets) {}

    /** @param source FILE, PROPERTY or RANDOM */
    record SecretsView(String source, Instant loadedAt, List<NotifySecrets.SecretUse> secrets) {

        static SecretsView of(NotifySecrets.Usage usage) {
            return new SecretsView(usage.source().name(), usage.loadedAt(), usage.secrets());
        }
    }
}
