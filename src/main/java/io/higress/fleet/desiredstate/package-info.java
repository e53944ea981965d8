/**
 * Desired-state sets (docs/desired-state.md): a named set of manifests with its targeting and namespace scope,
 * stored by the facade; its diff, its sync (through THE write path, {@code resources.Applier}) with prune of the
 * facade's own objects only, and a scheduled drift check that keeps each set's status and metric current.
 */
package io.higress.fleet.desiredstate;
