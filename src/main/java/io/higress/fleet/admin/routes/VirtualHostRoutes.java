package io.higress.fleet.admin.routes;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The routes one gateway has for one virtual host of one route configuration ({@code dynamic_route_configs[]}). */
@RegisterForReflection
record VirtualHostRoutes(String routeConfig, String version, String virtualHost, List<String> domains,
        List<RouteEntry> routes) {
}
