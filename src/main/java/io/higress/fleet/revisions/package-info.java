/**
 * Revision history (docs/revisions.md): every object the {@link io.higress.fleet.resources.Applier} wrote in a
 * cluster, from any path (REST, manifests, rollouts, restores), as a {@link io.higress.fleet.revisions.Revision}:
 * who, when, why, its stored objects before and after (secrets redacted before anything is stored). Kept in the
 * home cluster when one is configured, else under {@code <fleet.data-dir>/revisions}; {@code /api/v1/revisions}
 * lists them, shows their diff and restores an object as it was, through the Applier again. The framework knows it
 * only as its optional {@link io.higress.fleet.resources.WriteRecorder}.
 */
package io.higress.fleet.revisions;
