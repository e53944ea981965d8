/**
 * The facade's own probes in {@code /q/health} (docs/operations.md#health): readiness ({@code facade}: this replica
 * can serve) and the {@code fleet} check (what the facade sees of its clusters: reported, never failing readiness).
 * Both answer from state already known and never block an event loop.
 */
package io.higress.fleet.health;
