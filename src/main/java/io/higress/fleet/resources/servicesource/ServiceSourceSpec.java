package io.higress.fleet.resources.servicesource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A service source, the Higress Console's ServiceSource: one registry of the McpBridge {@code default}, with the
 * registry's field names. {@code type} one of nacos, nacos2, nacos3, zookeeper, consul, eureka, static, dns;
 * {@code domain} a host (static: {@code ip:port} list, dns: domain list, both comma-separated); {@code port}
 * (static: 80). Per type: nacos {@code nacosNamespaceId, nacosGroups} (required), {@code nacosAddressServer},
 * {@code nacosAccessKey, nacosSecretKey} (secret); zookeeper {@code zkServicesPath}; consul
 * {@code consulDatacenter} (required), {@code consulServiceTag}, {@code consulRefreshInterval} (10–600 s). Any type:
 * {@code protocol} (http, https, grpc, grpcs), {@code sni}, {@code vport}, {@code authSecretName} (a Secret of the
 * namespace holding the registry's credentials); static and dns {@code proxyName} (a proxy server of the bridge).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceSourceSpec(
        String name,
        String type,
        String domain,
        Integer port,
        String protocol,
        String sni,
        String proxyName,
        VPort vport,
        String nacosNamespaceId,
        List<String> nacosGroups,
        String nacosAddressServer,
        String nacosAccessKey,
        String nacosSecretKey,
        List<String> zkServicesPath,
        String consulDatacenter,
        String consulServiceTag,
        Integer consulRefreshInterval,
        String authSecretName,
        String namespace) implements Spec {

    /** The port the gateway uses for the source's services: a default and per-service ones. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VPort(@JsonProperty("default") Integer defaultPort, List<ServicePort> services) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServicePort(String name, Integer value) {
    }
}
