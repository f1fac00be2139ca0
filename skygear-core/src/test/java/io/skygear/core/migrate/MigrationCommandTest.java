package io.skygear.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The original's command line forms and their error strings. */
class MigrationCommandTest {

    @Test
    void knownCommandsParse() {
        assertThat(MigrationCommand.parse("version", null)).isEqualTo(new MigrationCommand.Version());
        assertThat(MigrationCommand.parse("up", "")).isEqualTo(new MigrationCommand.Up(OptionalInt.empty()));
        assertThat(MigrationCommand.parse("up", "2")).isEqualTo(new MigrationCommand.Up(OptionalInt.of(2)));
        assertThat(MigrationCommand.parse("down", null)).isEqualTo(new MigrationCommand.Down(OptionalInt.empty()));
        assertThat(MigrationCommand.parse("down", " 1 ")).isEqualTo(new MigrationCommand.Down(OptionalInt.of(1)));
        assertThat(MigrationCommand.parse("force", "1566290052")).isEqualTo(new MigrationCommand.Force("1566290052"));
        assertThat(MigrationCommand.parse("force", "-1")).isEqualTo(new MigrationCommand.Force("-1"));
    }

    @Test
    void unknownCommandIsUndefined() {
        assertThatThrownBy(() -> MigrationCommand.parse("frobnicate", null))
                .isInstanceOf(MigrationException.class).hasMessage("undefined command");
        assertThatThrownBy(() -> MigrationCommand.parse(null, null)).hasMessage("undefined command");
    }

    @Test
    void stepMustBeANonNegativeInteger() {
        assertThatThrownBy(() -> MigrationCommand.parse("up", "abc")).hasMessage("invalid step");
        assertThatThrownBy(() -> MigrationCommand.parse("down", "-2")).hasMessage("invalid step");
        assertThatThrownBy(() -> MigrationCommand.parse("up", "99999999999")).hasMessage("invalid step");
    }

    @Test
    void forceNeedsAVersion() {
        assertThatThrownBy(() -> MigrationCommand.parse("force", null)).hasMessage("invalid version");
        assertThatThrownBy(() -> MigrationCommand.parse("force", "v1")).hasMessage("invalid version");
    }

    @Test
    void commandNamesAreTheOriginals() {
        assertThat(MigrationCommand.parse("up", null).name()).isEqualTo("up");
        assertThat(MigrationCommand.parse("force", "2").name()).isEqualTo("force");
    }
}
