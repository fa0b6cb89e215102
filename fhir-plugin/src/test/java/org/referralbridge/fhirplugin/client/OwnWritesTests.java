package org.referralbridge.fhirplugin.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OwnWritesTests {

    private static final Duration NO_WAIT = Duration.ZERO;

    @Test
    void knowsTheVersionsItWroteAndNoOthers() throws Exception {
        OwnWrites writes = new OwnWrites(10);
        writes.started("Patient", "p1");
        writes.ended("Patient", "p1", "2");

        assertThat(writes.isOwn("Patient", "p1", "2", NO_WAIT)).isTrue();
        assertThat(writes.isOwn("Patient", "p1", "1", NO_WAIT)).isFalse();
        assertThat(writes.isOwn("Patient", "p1", "3", NO_WAIT)).isFalse();
        assertThat(writes.isOwn("Patient", "p2", "2", NO_WAIT)).isFalse();
        assertThat(writes.isOwn("Encounter", "p1", "2", NO_WAIT)).isFalse();
        assertThat(writes.isOwn("Patient", "p1", null, NO_WAIT)).isFalse();
    }

    @Test
    void aWriteThatMadeNoVersionIsNotOneOfOurs() throws Exception {
        OwnWrites writes = new OwnWrites(10);
        writes.started("Patient", "p1");
        writes.ended("Patient", "p1", null);

        assertThat(writes.isOwn("Patient", "p1", "2", Duration.ofSeconds(5))).isFalse();
    }

    @Test
    void forgetsTheOldestFirst() throws Exception {
        OwnWrites writes = new OwnWrites(2);
        for (String id : new String[] {"a", "b", "c"}) {
            writes.started("Patient", id);
            writes.ended("Patient", id, "2");
        }

        assertThat(writes.isOwn("Patient", "a", "2", NO_WAIT)).isFalse();
        assertThat(writes.isOwn("Patient", "b", "2", NO_WAIT)).isTrue();
        assertThat(writes.isOwn("Patient", "c", "2", NO_WAIT)).isTrue();
    }

    @Test
    void aQuestionDuringAWriteOfTheResourceWaitsForItsOutcome() throws Exception {
        OwnWrites writes = new OwnWrites(10);
        writes.started("Patient", "p1");
        CountDownLatch asking = new CountDownLatch(1);
        CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(() -> {
            asking.countDown();
            try {
                return writes.isOwn("Patient", "p1", "2", Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(asking.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(answer).isNotDone();

        writes.ended("Patient", "p1", "2");

        assertThat(answer.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void withoutAWriteUnderWayItAnswersAtOnce() throws Exception {
        OwnWrites writes = new OwnWrites(10);
        writes.started("Patient", "other");

        long started = System.nanoTime();
        boolean own = writes.isOwn("Patient", "p1", "2", Duration.ofMinutes(5));

        assertThat(own).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
    }
}
