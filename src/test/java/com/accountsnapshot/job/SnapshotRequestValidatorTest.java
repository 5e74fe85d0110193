package com.accountsnapshot.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An as-of later than now plus the clock skew allowed, or earlier than the minimum, is refused naming as-of;
 * these portfolio requests need no database, since the as-of is checked first.
 */
class SnapshotRequestValidatorTest {

    private final SnapshotRequestValidator validator = new SnapshotRequestValidator(null, Duration.ofMinutes(5),
            Instant.parse("2000-01-01T00:00:00Z"));

    @Test
    void farFutureAsOfIsRefused() {
        InvalidSnapshotRequestException refused = refusal("9999-12-31T00:00:00Z");

        assertThat(refused.parameter()).isEqualTo("asOf");
        assertThat(refused.problem()).startsWith("the as-of instant 9999-12-31T00:00:00Z is later than now plus 5m (")
                .endsWith("); a snapshot of the future would hold every later run back");
    }

    @Test
    void asOfBeyondTheSkewIsRefusedAndWithinItAccepted() {
        Instant now = Instant.now();

        assertThat(refusal(now.plus(Duration.ofMinutes(6)).toString()).parameter()).isEqualTo("asOf");
        assertThatCode(() -> validator.validate(request(now.plus(Duration.ofMinutes(4)).toString())))
                .doesNotThrowAnyException();
    }

    @Test
    void asOfBeforeTheMinimumIsRefused() {
        assertThat(refusal("-999999999-01-01T00:00:00Z").getMessage()).isEqualTo("asOf: the as-of instant "
                + "-999999999-01-01T00:00:00Z is earlier than 2000-01-01T00:00:00Z (account-snapshot.job.min-as-of)");
        assertThat(refusal("1999-12-31T23:59:59Z").getMessage()).isEqualTo("asOf: the as-of instant "
                + "1999-12-31T23:59:59Z is earlier than 2000-01-01T00:00:00Z (account-snapshot.job.min-as-of)");
        assertThatCode(() -> validator.validate(request("2000-01-01T00:00:00Z"))).doesNotThrowAnyException();
    }

    private InvalidSnapshotRequestException refusal(String asOf) {
        return catchThrowableOfType(InvalidSnapshotRequestException.class, () -> validator.validate(request(asOf)));
    }

    private static SnapshotRequest request(String asOf) {
        return SnapshotRequest.parse(Map.of(SnapshotRequest.AS_OF, asOf), Instant.EPOCH);
    }
}
