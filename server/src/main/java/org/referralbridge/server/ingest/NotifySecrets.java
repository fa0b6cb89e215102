package org.referralbridge.server.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * The notification secrets the endpoint accepts, several at once while one is rotated. The first is the current one:
 * the service registers it on its Subscriptions. Only SHA-256 digests are compared, all of them, with
 * {@link MessageDigest#isEqual}: neither the time taken nor the digests' fixed length tells how much of a guess was
 * right, or how long a secret is. No method returns or logs a secret except {@link #current()}, for the Subscriptions'
 * {@code channel.header}.
 */
class NotifySecrets {

    /** Where the secrets come from, as the API reports it. */
    enum Source {
        FILE,
        PROPERTY,
        RANDOM
    }

    private final Source source;
    private final NotifySecretsFile file;
    private final Clock clock;
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(NotifySecrets::sha256);
    private volatile Loaded loaded;

    private NotifySecrets(Source source, NotifySecretsFile file, List<String> secrets, Clock clock) {
        this.source = source;
        this.file = file;
        this.clock = clock;
        this.loaded = new Loaded(secrets, clock.instant());
    }

    /** @throws NotifySecretsUnreadable when the file is missing, unreadable or holds no usable secret */
    static NotifySecrets fromFile(NotifySecretsFile file, Clock clock) {
        return new NotifySecrets(Source.FILE, file, file.read(), clock);
    }

    static NotifySecrets of(String secret, Clock clock) {
        return new NotifySecrets(Source.PROPERTY, null, List.of(secret.strip()), clock);
    }

    static NotifySecrets random(Clock clock) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new NotifySecrets(
                Source.RANDOM,
                null,
                List.of(Base64.getUrlEncoder().withoutPadding().encodeToString(random)),
                clock);
    }

    /** Whether {@code presented} is one of the secrets; counts which one, for the report. */
    boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] digest = sha256.get().digest(presented.getBytes(StandardCharsets.UTF_8));
        Loaded current = loaded;
        int matched = -1;
        // every digest is compared, also after a match, so the time does not tell which secret matched
        for (int i = 0; i < current.digests.length; i++) {
            if (MessageDigest.isEqual(current.digests[i], digest)) {
                matched = i;
            }
        }
        if (matched < 0) {
            return false;
        }
        current.accepted[matched].increment();
        return true;
    }

    /** The secret the Subscriptions carry. */
    String current() {
        return loaded.secrets.get(0);
    }

    Source source() {
        return source;
    }

    /**
     * Reads the file again, if the secrets come from one; the secrets in use stay as they are when it cannot be read.
     *
     * @throws NotifySecretsUnreadable naming what is wrong with the file, never quoting it
     */
    synchronized Reload reload() {
        Loaded before = loaded;
        if (file == null) {
            return new Reload(false, false, before.secrets.size());
        }
        List<String> secrets = file.read();
        if (secrets.equals(before.secrets)) {
            return new Reload(false, false, secrets.size());
        }
        loaded = new Loaded(secrets, clock.instant());
        return new Reload(true, !secrets.get(0).equals(before.secrets.get(0)), secrets.size());
    }

    /** How many secrets are active, since when, and how often each was presented since: never the secrets. */
    Usage usage() {
        Loaded current = loaded;
        return new Usage(
                source,
                current.loadedAt,
                IntStream.range(0, current.secrets.size())
                        .mapToObj(i -> new SecretUse(i + 1, i == 0, current.accepted[i].sum()))
                        .toList());
    }

    /**
     * @param changed whether the secrets differ from those before
     * @param currentChanged whether the current one did: the Subscriptions must carry the new one
     * @param active how many secrets are accepted now
     */
    record Reload(boolean changed, boolean currentChanged, int active) {}

    record Usage(Source source, Instant loadedAt, List<SecretUse> secrets) {}

    /**
     * @param position the secret's line among the active ones, 1 for the current
     * @param acceptedSinceLoad notifications that presented it since the secrets were loaded: once the old secret's
     *     count stops growing after a switch, the EHR no longer sends it
     */
    record SecretUse(int position, boolean current, long acceptedSinceLoad) {}

    /** One set of secrets with their digests and use counters; its toString is Object's, naming no secret. */
    private static final class Loaded {

        private final List<String> secrets;
        private final byte[][] digests;
        private final LongAdder[] accepted;
        private final Instant loadedAt;

        Loaded(List<String> secrets, Instant loadedAt) {
            this.secrets = List.copyOf(secrets);
            this.digests = this.secrets.stream()
                    .map(secret -> sha256().digest(secret.getBytes(StandardCharsets.UTF_8)))
                    .toArray(byte[][]::new);
            this.accepted = IntStream.range(0, this.secrets.size())
                    .mapToObj(i -> new LongAdder())
                    .toArray(LongAdder[]::new);
            this.loadedAt = loadedAt;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
