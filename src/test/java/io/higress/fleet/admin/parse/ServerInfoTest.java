package io.higress.fleet.admin.parse;

import io.higress.fleet.admin.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerInfoTest {

    @Test
    void parsesClutchEnvoy115CaptureWithOldStyleNodeOptions() {
        ServerInfo info = ServerInfo.parse(Fixtures.envoyText("clutch-envoy-1.15.server_info.json"));

        assertThat(info.version()).isEqualTo("dc76d44abceefd511d63c2d91d7439d5bd415639/1.15.0-dev/Modified/RELEASE/BoringSSL");
        assertThat(info.envoyVersion()).isEqualTo("1.15.0-dev");
        assertThat(info.state()).isEqualTo("PRE_INITIALIZING");
        assertThat(info.uptimeSeconds()).isEqualTo(24L);
        assertThat(info.nodeId()).isEqualTo("0c0c08040185ed0df");
        assertThat(info.nodeCluster()).isEqualTo("example-staging-pdx");
    }

    @Test
    void prefersNodeBlockAndParsesModernVersion() {
        ServerInfo info = ServerInfo.parse("""
                {"version":"abc/1.37.2/Clean/RELEASE/BoringSSL","state":"LIVE","uptime_current_epoch":"3600.5s",
                 "node":{"id":"router~10.0.0.1~higress-gateway-1.higress-system~higress-system.svc.cluster.local",
                         "cluster":"higress-gateway"},
                 "command_line_options":{"service_node":"ignored","service_cluster":"ignored"}}""");

        assertThat(info.envoyVersion()).isEqualTo("1.37.2");
        assertThat(info.uptimeSeconds()).isEqualTo(3600L);
        assertThat(info.nodeId()).startsWith("router~10.0.0.1");
        assertThat(info.nodeCluster()).isEqualTo("higress-gateway");
    }

    @Test
    void rejectsNonServerInfo() {
        assertThatThrownBy(() -> ServerInfo.parse("{\"stats\":[]}")).isInstanceOf(MalformedAdminResponseException.class);
        assertThatThrownBy(() -> ServerInfo.parse("not json")).isInstanceOf(MalformedAdminResponseException.class);
        assertThatThrownBy(() -> ServerInfo.parse("{\"version\":\"x\",\"state\":\"LIVE\",\"uptime_current_epoch\":\"soon\"}"))
                .isInstanceOf(MalformedAdminResponseException.class);
    }
}
