/**
 * {@code bin/fleet-init}: a first fleet file from a kubeconfig, with a token secret and a first admin API key
 * (docs/deploy.md). A command-line tool run before the facade; nothing here runs inside it.
 */
package io.higress.fleet.init;
