/**
 * Resource kinds across the fleet (contract §5, docs/kinds.md): the framework every kind uses.
 *
 * <ul>
 * <li>The registry {@link io.higress.fleet.resources.Kinds} (one line per kind) and the descriptor API:
 * {@link io.higress.fleet.resources.Kind}, {@link io.higress.fleet.resources.Form} (how a kind lives in one store),
 * {@link io.higress.fleet.resources.Copy}, {@link io.higress.fleet.resources.Part},
 * {@link io.higress.fleet.resources.StoredObject}. The kinds themselves are the sub-packages {@code route},
 * {@code plugin}, {@code mcpbridge}, {@code http2rpc}; {@code LayeringTest} keeps them apart.</li>
 * <li>Stores ({@link io.higress.fleet.resources.ObjectStore}: {@code KubernetesStore}, {@code ConsoleStore}) do
 * get / list / create / update / delete by version; {@link io.higress.fleet.resources.ClusterStores} picks a
 * cluster's store and a kind's form by {@code management}.</li>
 * <li>THE write path {@link io.higress.fleet.resources.Applier}: read the copy, ask the
 * {@link io.higress.fleet.resources.WriteIntent} for a {@link io.higress.fleet.resources.Planner.Plan}, send; the
 * 409 re-plan, the rollout locks ({@link io.higress.fleet.resources.WriteLocks}), dryRun, force. REST writes,
 * manifests and rollouts all go through it.</li>
 * <li>Reads: {@link io.higress.fleet.resources.FleetReader} and {@link io.higress.fleet.resources.Aggregation}.
 * Endpoints: {@link io.higress.fleet.resources.KindsResource} ({@code /api/v1/{kind}}) over
 * {@link io.higress.fleet.resources.ResourceEndpoints}, {@code ManifestsResource}, {@code ExportResource}.</li>
 * </ul>
 *
 * <p>Decisions:
 * <ul>
 * <li>Unknown JSON fields and values of the wrong JSON type are rejected (400 naming the field): a typo must not be
 * dropped silently and then succeed with a default.</li>
 * <li>PUT is a JSON merge patch (RFC 7386) on the facade model: arrays replace whole, objects (plugin config) merge,
 * null removes; name and namespace cannot change; the merged result is validated like a POST.</li>
 * <li>Field paths in errors are dotted with indexes ({@code nacos[0].address}); plan differences are JSON pointers,
 * prefixed by the part's label for objects made of several stored objects.</li>
 * </ul>
 */
package io.higress.fleet.resources;
