package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifySecretsTests {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    @Test
    void acceptsEverySecretOfTheFileAndRegistersTheFirst() throws IOException {
        NotifySecrets secrets = fromFile("  current-one  \n\nprevious-one\ncurrent-one\n");

        assertThat(secrets.current()).isEqualTo("current-one");
        assertThat(secrets.accepts("current-one")).isTrue();
        assertThat(secrets.accepts("previous-one")).isTrue();
        assertThat(secrets.accepts("current-on")).isFalse();
        assertThat(secrets.accepts("current-one ")).isFalse();
        assertThat(secrets.accepts("")).isFalse();
        assertThat(secrets.accepts(null)).isFalse();
        assertThat(secrets.usage().secrets())
                .extracting(NotifySecrets.SecretUse::position, NotifySecrets.SecretUse::current)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, true), org.assertj.core.groups.Tuple.tuple(2, false));
    }

    @Test
    void countsWhichSecretWasPresentedSinceTheLoad() throws IOException {
        NotifySecrets secrets = fromFile("new\nold\n");

        secrets.accepts("old");
        secrets.accepts("old");
        secrets.accepts("new");
        secrets.accepts("wrong");

        assertThat(secrets.usage().secrets())
                .extracting(NotifySecrets.SecretUse::acceptedSinceLoad)
                .containsExactly(1L, 2L);
        assertThat(secrets.usage().loadedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aReloadTellsWhetherTheSecretsAndTheCurrentOneChanged() throws IOException {
        NotifySecrets secrets = fromFile("old\n");

        assertThat(secrets.reload()).isEqualTo(new NotifySecrets.Reload(false, false, 1));
        write("old\nnew\n");
        assertThat(secrets.reload()).isEqualTo(new NotifySecrets.Reload(true, false, 2));
        write("new\nold\n");
        assertThat(secrets.reload()).isEqualTo(new NotifySecrets.Reload(true, true, 2));
        assertThat(secrets.current()).isEqualTo("new");
        write("new\n");
        assertThat(secrets.reload()).isEqualTo(new NotifySecrets.Reload(true, false, 1));
        assertThat(secrets.accepts("old")).isFalse();
        assertThat(secrets.accepts("new")).isTrue();
    }

    @Test
    void anUnusableFileIsRefusedNamingTheProblemAndKeepsTheSecretsInUse() throws IOException {
        NotifySecrets secrets = fromFile("kept-secret\n");

        write(" \n\n");
        assertThatThrownBy(secrets::reload)
                .isInstanceOf(NotifySecretsUnreadable.class)
                .hasMessageContaining("referralbridge.notify.secrets-file")
                .hasMessageContaining("holds no secret");
        write("fine\nwith\u0007bell\n");
        assertThatThrownBy(secrets::reload)
                .hasMessageContaining("line 2")
                .hasMessageNotContaining("bell")
                .hasMessageNotContaining("fine");
        Files.write(folder.resolve("secrets"), new byte[] {(byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(secrets::reload).hasMessageContaining("not UTF-8");
        Files.delete(folder.resolve("secrets"));
        assertThatThrownBy(secrets::reload).hasMessageContaining("does not exist");

        assertThat(secrets.current()).isEqualTo("kept-secret");
        assertThat(secrets.accepts("kept-secret")).isTrue();
    }

    @Test
    void aSecretFromThePropertyOrChosenAtRandomIsTheOnlyOneAndAReloadChangesNothing() {
        NotifySecrets configured = NotifySecrets.of("configured", clock);
        NotifySecrets random = NotifySecrets.random(clock);

        assertThat(configured.accepts("configured")).isTrue();
        assertThat(configured.reload()).isEqualTo(new NotifySecrets.Reload(false, false, 1));
        assertThat(configured.source()).isEqualTo(NotifySecrets.Source.PROPERTY);
        assertThat(random.current())
                .hasSizeGreaterThanOrEqualTo(40)
                .isNotEqualTo(NotifySecrets.random(clock).current());
        assertThat(random.accepts(random.current())).isTrue();
        assertThat(random.source()).isEqualTo(NotifySecrets.Source.RANDOM);
    }

    @Test
    void neverShowsASecretInItsTexts() throws IOException {
        NotifySecrets secrets = fromFile("visible-nowhere\n");

        assertThat(secrets.toString()).doesNotContain("visible-nowhere");
        assertThat(secrets.usage().toString()).doesNotContain("visible-nowhere");
        assertThat(secrets.reload().toString()).doesNotContain("visible-nowhere");
    }

    private NotifySecrets fromFile(String content) throws IOException {
        write(content);
        return NotifySecrets.fromFile(new NotifySecretsFile(folder.resolve("secrets")), clock);
    }

    private void write(String content) throws IOException {
        Files.writeString(folder.resolve("secrets"), content, StandardCharsets.UTF_8);
    }
}
