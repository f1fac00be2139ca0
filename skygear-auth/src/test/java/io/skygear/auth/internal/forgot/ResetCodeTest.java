package io.skygear.auth.internal.forgot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The original's reset code algorithm, on the reference vector. */
class ResetCodeTest {

    static final String HASH = "$2a$10$/jm/S1sY6ldfL6UZljlJdOAdJojsJfkjg/pqK47Q8WmOLE19tGWQi";

    @Test
    void theReferenceVectorHolds() {
        assertThat(ResetCode.of("master_key", "john.doe.id", Instant.ofEpochSecond(1138892645), HASH, Optional.empty()))
                .isEqualTo("1398d567");
    }

    @Test
    void aNewPasswordOrALoginChangesTheCode() {
        Instant expireAt = Instant.ofEpochSecond(1138892645);
        String code = ResetCode.of("master_key", "john.doe.id", expireAt, HASH, Optional.empty());

        assertThat(ResetCode.of("master_key", "john.doe.id", expireAt, HASH + "x", Optional.empty())).isNotEqualTo(code);
        assertThat(ResetCode.of("master_key", "john.doe.id", expireAt, HASH, Optional.of(Instant.parse("2006-01-01T00:00:00Z"))))
                .isNotEqualTo(code);
        assertThat(ResetCode.matches(code, "1398d567")).isTrue();
        assertThat(ResetCode.matches(code, "1398D567")).isFalse();
    }
}
