package io.higress.fleet.client;

import io.higress.fleet.client.api.FleetApi;
import io.higress.fleet.client.api.McpBridgesApi;
import io.higress.fleet.client.api.PluginsApi;
import io.higress.fleet.client.api.RolloutsApi;
import io.higress.fleet.client.api.RoutesApi;
import io.higress.fleet.client.api.UserApi;
import io.higress.fleet.client.model.FleetReadyAnswer;
import io.higress.fleet.client.model.LoginRequest;
import io.higress.fleet.client.model.McpBridgeSpec;
import io.higress.fleet.client.model.McpBridgeSpecNacos;
import io.higress.fleet.client.model.PluginSpec;
import io.higress.fleet.client.model.RolloutRequest;
import io.higress.fleet.client.model.RolloutView;
import io.higress.fleet.client.model.RouteItem;
import io.higress.fleet.client.model.RouteSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The product brief's §3.2 sequence, a fleet read and a rollout, written against the client openapi-generator made
 * from /q/openapi (GeneratedClientTest compiles it with that client: a renamed operation or model fails the build).
 * Answers what it saw, one line per step, for the test to check.
 */
public final class BriefSequence implements Function<String, List<String>> {

    @Override
    public List<String> apply(String baseUri) {
        try {
            return run(baseUri);
        } catch (ApiException e) {
            throw new IllegalStateException(e.getCode() + " " + e.getResponseBody(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> run(String baseUri) throws ApiException, InterruptedException {
        List<String> seen = new ArrayList<>();
        ApiClient anonymous = new ApiClient();
        anonymous.updateBaseUri(baseUri);
        String token = new UserApi(anonymous).login(new LoginRequest().username("admin").password("password"))
                .getData().getToken();
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));

        RoutesApi routes = new RoutesApi(client);
        RouteSpec route = new RouteSpec().name("client-route").domain(List.of("example.com"))
                .paths(List.of("/api/*")).serviceName("example-service").servicePort(8080);
        seen.add("createRoute " + routes.createRouteWithHttpInfo(route, null, null, null, null, null, null).getStatusCode());
        seen.add("listRoutes " + routes.listRoutes(null, null, null).getItems().stream()
                .anyMatch(r -> r.getName().equals("client-route")));
        RouteItem one = routes.getRoute("client-route", null, null, null);
        seen.add("getRoute " + one.getDomain() + " " + one.getClusters() + " managed=" + one.getManaged());
        seen.add("updateRoute " + routes.updateRouteWithHttpInfo("client-route",
                new RouteSpec().domain(List.of("new-example.com")), null, null, null, null, null, null).getStatusCode());
        RouteItem updated = routes.getRoute("client-route", null, null, null);
        seen.add("getRoute " + updated.getDomain() + " " + updated.getPaths() + " " + updated.getServicePort());

        PluginsApi plugins = new PluginsApi(client);
        PluginSpec plugin = new PluginSpec().name("ai-proxy").type("WasmPlugin").phase("DEFAULT")
                .priority(300).config(Map.of("services", List.of(Map.of("provider", "openai",
                        "api_tokens", List.of("sk-xxx"), "endpoint", "https://api.openai.com/v1"))));
        seen.add("createPlugin " + plugins.createPluginWithHttpInfo(plugin, null, null, null, null, null)
                .getStatusCode());
        plugins.disablePlugin("ai-proxy", null, null, null, null, null);
        seen.add("disablePlugin enabled=" + plugins.getPlugin("ai-proxy", null, null, null).getEnabled());
        plugins.enablePlugin("ai-proxy", null, null, null, null, null);
        seen.add("enablePlugin enabled=" + plugins.getPlugin("ai-proxy", null, null, null).getEnabled());

        McpBridgesApi bridges = new McpBridgesApi(client);
        McpBridgeSpec bridge = new McpBridgeSpec().name("client-bridge").nacos(List.of(new McpBridgeSpecNacos()
                .name("nacos-prod").address("nacos-prod.example.com:8848").namespaceId("prod")));
        seen.add("createMcpBridge " + bridges.createMcpBridgeWithHttpInfo(bridge, null, null, null, null, null)
                .getStatusCode());
        seen.add("getMcpBridge " + bridges.getMcpBridge("client-bridge", null, null, null).getNacos().get(0)
                .getAddress());
        seen.add("deleteRoute " + routes.deleteRouteWithHttpInfo("client-route", null, null, null, null, null)
                .getStatusCode());

        FleetReadyAnswer ready = new FleetApi(client).getFleetReady(null, null, null);
        seen.add("getFleetReady items=" + ready.getItems().size() + " total=" + ready.getSummary().getTotal()
                + " ok=" + ready.getSummary().getOk());

        RolloutsApi rollouts = new RolloutsApi(client);
        RolloutView started = rollouts.createRollout(new RolloutRequest().strategy(RolloutRequest.StrategyEnum.ALL)
                .clusters(List.of("dev")).waitTime("0s").routes(List.of(route.name("client-rolled"))));
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        RolloutView now = rollouts.getRollout(started.getId());
        Set<RolloutView.StateEnum> ended = Set.of(RolloutView.StateEnum.SUCCEEDED, RolloutView.StateEnum.FAILED,
                RolloutView.StateEnum.CANCELLED, RolloutView.StateEnum.ROLLED_BACK);
        while (!ended.contains(now.getState()) && Instant.now().isBefore(until)) {
            Thread.sleep(100); // polls a state, bounded above
            now = rollouts.getRollout(started.getId());
        }
        seen.add("rollout " + now.getState().getValue());
        return seen;
    }
}
