/**
 * Configuration resources (contract §5). The pure logic, with no REST or cluster calls: Console-style bodies
 * ({@link io.higress.fleet.resources.RouteSpec}, {@link io.higress.fleet.resources.PluginSpec},
 * {@link io.higress.fleet.resources.McpBridgeSpec}) → validation → Kubernetes objects → a per-cluster
 * {@link io.higress.fleet.resources.Planner.Plan}.
 *
 * <p>Flow for a write: {@code RequestReader.read} (POST) or {@code SpecMerger.merge} (PUT) → {@code *Validator.check}
 * (400 before any cluster is touched) → {@code *Translator.to*} → per cluster {@code Planner.apply(cluster, desired,
 * current, force)}. Manifests: {@code ManifestParser.parse} → {@code Planner.apply} per object. Reads:
 * {@code *Translator.from*}; drift between clusters: {@code ObjectDiff.differ}. Export: {@code ManifestExporter.export}.
 *
 * <p>Endpoints ({@code RoutesResource}, {@code PluginsResource}, {@code McpBridgesResource}, {@code ManifestsResource},
 * {@code ExportResource}) are thin: {@link io.higress.fleet.resources.ResourceEndpoints} checks everything that needs
 * no cluster, {@link io.higress.fleet.resources.FleetWriter} plans and writes per cluster (reads, {@code Planner},
 * create/update with resourceVersion, one re-read after a 409), {@link io.higress.fleet.resources.FleetReader} and
 * {@link io.higress.fleet.resources.Aggregation} answer reads; each cluster's objects are read and written through
 * its {@link io.higress.fleet.resources.ClusterResourceStore}, picked by
 * {@link io.higress.fleet.resources.ClusterStores}: {@code KubernetesResourceStore} (through {@code KubeCalls}) or
 * {@code ConsoleResourceStore} (through the console client). See docs/resources.md and docs/console.md.
 *
 * <p>Decisions:
 * <ul>
 * <li>Unknown JSON fields and values of the wrong JSON type are rejected (400 naming the field): a typo must not be
 * dropped silently and then succeed with a default.</li>
 * <li>PUT is a JSON merge patch (RFC 7386) on the facade model: arrays replace whole, objects (plugin config) merge,
 * null removes; name and namespace cannot change; the merged result is validated like a POST.</li>
 * <li>A plugin without {@code url} gets {@code <registry>/<name>:<version>} when its name is a built-in Higress plugin
 * ({@link io.higress.fleet.resources.PluginImages}); otherwise {@code url} is required.</li>
 * <li>{@code enabled} (default true) is always written as {@code spec.defaultConfigDisable}.</li>
 * <li>Field paths in errors are dotted with indexes ({@code nacos[0].address}); plan differences are JSON pointers.</li>
 * </ul>
 */
package io.higress.fleet.resources;
