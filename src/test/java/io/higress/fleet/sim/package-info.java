/**
 * A simulated Higress fleet for tests, benchmarks and trying the facade by hand. Test scope only: none of it is in
 * the application.
 *
 * <ul>
 * <li>{@link io.higress.fleet.sim.EnvoyAdminSimulator}: Envoy admin APIs of many gateways on ephemeral ports of
 * 127.0.0.1, with generated answers (config dump with xDS versions and Wasm plugin secrets in a TypedStruct, stats,
 * Prometheus metrics, clusters, listeners, certs) and per-gateway {@link io.higress.fleet.sim.Fault}s.</li>
 * <li>{@link io.higress.fleet.sim.SimulatedFleet}: clusters of gateways, each cluster with a fabric8 CRUD mock API
 * server holding pods {@code <cluster>-gw-<n>} in {@code higress-system} (plus what kubectl needs of it:
 * {@link io.higress.fleet.sim.ApiServerExtras}; and per-cluster {@link io.higress.fleet.sim.ApiFault}s), kubeconfigs
 * and the facade's {@code fleet.yaml}.</li>
 * <li>{@link io.higress.fleet.sim.SimulatedFleetResource}: the same for {@code @QuarkusTest} and
 * {@code @QuarkusIntegrationTest}.</li>
 * <li>{@link io.higress.fleet.sim.SimulatedFleetMain} and {@link io.higress.fleet.sim.SimControlServer}:
 * {@code bin/simulated-fleet}, with an HTTP control API to inject faults while the facade runs (docs/simulator.md).</li>
 * </ul>
 *
 * Approximations: {@code mask=} is a path filter on the JSON, not a schema-checked field mask; {@code name_regex}
 * and stats {@code filter} use Java regexes, not RE2; {@code usedonly} keeps non-zero values; host-level stats in
 * /clusters are constant; hosts are always healthy.
 */
package io.higress.fleet.sim;
