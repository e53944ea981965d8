package io.higress.fleet.resources.mcpbridge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The brief's service-source body (§3.2): {@code {"name","nacos":[{"name","address","namespaceId"}]}} plus
 * {@code consul}, {@code static} and {@code dns} registries, all flattened into one McpBridge's
 * {@code spec.registries[]} in that order.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record McpBridgeSpec(
        String name,
        List<Nacos> nacos,
        List<Consul> consul,
        @JsonProperty("static") List<Static> staticRegistries,
        List<Dns> dns,
        String namespace) implements Spec {

    /**
     * {@code address} is {@code host[:port]} (port 8848 if absent); {@code type} nacos|nacos2|nacos3, default nacos2;
     * {@code groups} default {@code ["DEFAULT_GROUP"]} (Higress and its console need at least one).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Nacos(String name, String address, String namespaceId, String type, List<String> groups) {
    }

    /** {@code address} is {@code host[:port]} (port 8500 if absent). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Consul(String name, String address, String datacenter, String serviceTag) {
    }

    /** Fixed endpoints: each address {@code ipv4:port}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Static(String name, List<String> addresses, String protocol) {
    }

    /** A DNS name resolved by the gateway. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Dns(String name, String domain, Integer port, String protocol) {
    }
}
