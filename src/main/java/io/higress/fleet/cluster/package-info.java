/**
 * What the fleet is made of, before anything is called: the validated fleet file ({@code FleetConfig}), the
 * clusters and their labels ({@code ClusterRegistry}, {@code LabelSelector}), and the guard settings each upstream
 * gets ({@code GuardPolicy}). Talking to a cluster is {@code upstream}'s; its live state (gateways, health) is
 * {@code discovery}'s.
 */
package io.higress.fleet.cluster;
