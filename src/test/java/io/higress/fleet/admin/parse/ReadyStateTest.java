package io.higress.fleet.admin.parse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadyStateTest {

    @Test
    void liveIsReadyAndNewlineIsTrimmed() {
        assertThat(ReadyState.parse("LIVE\n")).isEqualTo(new ReadyState("LIVE", true));
    }

    @Test
    void startingAndDrainingStatesAreNotReady() {
        assertThat(ReadyState.parse("PRE_INITIALIZING\n").ready()).isFalse();
        assertThat(ReadyState.parse("INITIALIZING").ready()).isFalse();
        assertThat(ReadyState.parse("DRAINING\n")).isEqualTo(new ReadyState("DRAINING", false));
    }

    @Test
    void unknownTextIsMalformed() {
        assertThatThrownBy(() -> ReadyState.parse("<html>503</html>"))
                .isInstanceOf(MalformedAdminResponseException.class).hasMessageContaining("unknown server state");
        assertThatThrownBy(() -> ReadyState.parse("")).isInstanceOf(MalformedAdminResponseException.class);
        assertThatThrownBy(() -> ReadyState.parse("live")).isInstanceOf(MalformedAdminResponseException.class);
    }
}
