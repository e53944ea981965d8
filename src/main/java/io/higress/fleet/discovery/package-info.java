/**
 * The clusters' live state, read through the upstream door: each cluster's gateway pods ({@code GatewayDiscovery}),
 * its status (reachable, degraded, breaker states, the console's login) and the {@code /api/v1/clusters} endpoint.
 */
package io.higress.fleet.discovery;
