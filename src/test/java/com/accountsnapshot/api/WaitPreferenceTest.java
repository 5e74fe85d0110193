package com.accountsnapshot.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The wait preference read from Prefer headers (RFC 7240), and the Accept header's choice of plain text. */
class WaitPreferenceTest {

    @Test
    void waitIsReadAmongOtherPreferencesAndParameters() {
        assertThat(WaitPreference.of(List.of("wait=10"))).contains(Duration.ofSeconds(10));
        assertThat(WaitPreference.of(List.of("respond-async, wait=5"))).contains(Duration.ofSeconds(5));
        assertThat(WaitPreference.of(List.of("return=minimal", "WAIT = \"7\""))).contains(Duration.ofSeconds(7));
        assertThat(WaitPreference.of(List.of("wait=3; foo=bar"))).contains(Duration.ofSeconds(3));
        assertThat(WaitPreference.of(List.of("wait=0"))).contains(Duration.ZERO);
        assertThat(WaitPreference.of(List.of("wait=2, wait=9"))).contains(Duration.ofSeconds(2));
    }

    @Test
    void aWaitThatIsNoWholeNumberOfSecondsIsIgnored() {
        for (String header : List.of("wait=abc", "wait=-1", "wait=1.5", "wait", "waiting=5", "respond-async")) {
            assertThat(WaitPreference.of(List.of(header))).as(header).isEqualTo(Optional.empty());
        }
        assertThat(WaitPreference.of(null)).isEmpty();
    }

    @Test
    void plainTextIsChosenWhenItIsTheAcceptHeadersFirstPreference() {
        assertThat(SnapshotContextController.wantsText("text/plain")).isTrue();
        assertThat(SnapshotContextController.wantsText("text/*")).isTrue();
        assertThat(SnapshotContextController.wantsText("text/plain, application/json")).isTrue();
        assertThat(SnapshotContextController.wantsText("application/json;q=0.9, text/plain")).isTrue();
        // text/html cannot be served; of the two that can, JSON has the higher quality
        assertThat(SnapshotContextController.wantsText("text/html, text/plain;q=0.5, application/json")).isFalse();
        assertThat(SnapshotContextController.wantsText("text/html, text/plain")).isTrue();
        assertThat(SnapshotContextController.wantsText("application/json, text/plain")).isFalse();
        assertThat(SnapshotContextController.wantsText("*/*")).isFalse();
        assertThat(SnapshotContextController.wantsText(null)).isFalse();
    }
}
