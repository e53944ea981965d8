/**
 * The fuzz tier (Jazzer): every parser of caller input either answers or refuses with a 400 problem, never
 * anything a caller would see as a 500. One {@code @FuzzTest} per class, each class in its own JVM (Jazzer fuzzes
 * one test per run): the {@code fuzz} execution of the surefire plugin runs them with {@code JAZZER_FUZZ=1} for the
 * few seconds of their {@code maxDuration}. A finding fails the build and is saved under
 * {@code src/test/resources/io/higress/fleet/fuzz/<Class>Inputs/}, where the normal test run replays it from then on.
 * Longer runs: {@code JAZZER_MAX_DURATION=10m ./mvnw -B test -Dtest=ManifestsFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (see docs/security.md).
 */
package io.higress.fleet.fuzz;
