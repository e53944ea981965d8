package io.higress.fleet.admin.parse;

import io.higress.fleet.admin.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListenerInfoTest {

    @Test
    void parsesClutchListeners() {
        assertThat(ListenerInfo.parseJson(Fixtures.envoyText("clutch-envoy-1.15.listeners.json"))).containsExactly(
                new ListenerInfo("healthcheck_non_passthrough", "0.0.0.0:9212"),
                new ListenerInfo("egress", "127.0.0.1:9009"));
    }

    @Test
    void pipeAndIpv6Addresses() {
        assertThat(ListenerInfo.parseJson("""
                {"listener_statuses":[{"name":"uds","local_address":{"pipe":{"path":"/tmp/l.sock"}}},
                 {"name":"v6","local_address":{"socket_address":{"address":"::","port_value":443}}}]}"""))
                .containsExactly(new ListenerInfo("uds", "/tmp/l.sock"), new ListenerInfo("v6", "[::]:443"));
        assertThatThrownBy(() -> ListenerInfo.parseJson("{")).isInstanceOf(MalformedAdminResponseException.class);
    }
}
