package io.higress.fleet.resources.console;

import io.higress.fleet.resources.McpBridgeSpec;
import io.higress.fleet.resources.PluginSpec;
import io.higress.fleet.resources.RouteSpec;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Routes, plugins and bridges of ONE console-managed cluster, in the facade's models: what the REST layer calls
 * instead of the Kubernetes path when {@code fleet.clusters.<c>.management} is {@code console}. Input must have
 * passed the facade's validators. Every failure is a {@code ProblemException} naming the cluster (404 missing,
 * 409 exists or stale version, 400 what the console refused or this mapping cannot express, 502/503/504 upstream).
 */
public interface ConsoleResources {

    /** 404 when the console has no such route. */
    Uni<Versioned<RouteSpec>> getRoute(String cluster, String name);

    Uni<List<Versioned<RouteSpec>>> listRoutes(String cluster);

    /**
     * Creates the route, or updates it (unchanged when it already says the same). The update keeps console-only
     * fields (methods, headers, rewrite...) and sends {@code expectedVersion}, or the version just read when null:
     * a stale one is a 409.
     */
    Uni<ConsoleWrite> applyRoute(String cluster, RouteSpec route, String expectedVersion);

    /** 404 when missing (the console's 502 "not found"). */
    Uni<ConsoleWrite> deleteRoute(String cluster, String name);

    /**
     * The plugin definition with its global instance (config, enabled). 404 when the console has no such plugin, or
     * for a built-in one that is neither configured nor enabled (as {@link #listPlugins} leaves those out).
     */
    Uni<Versioned<PluginSpec>> getPlugin(String cluster, String name);

    /** Custom plugins, and built-in ones that are configured or enabled globally. */
    Uni<List<Versioned<PluginSpec>>> listPlugins(String cluster);

    /** Custom plugin (with url): its definition, then its global instance. Built-in (no url): its instance only. */
    Uni<ConsoleWrite> applyPlugin(String cluster, PluginSpec plugin);

    /** Switches the global instance on or off, keeping its configuration. */
    Uni<ConsoleWrite> setPluginEnabled(String cluster, String name, boolean enabled);

    /** Removes the global instance, and the definition of a custom plugin. */
    Uni<ConsoleWrite> deletePlugin(String cluster, String name);

    /** The console keeps all registries in one bridge: answered as one bridge named {@code default}. */
    Uni<McpBridgeSpec> getBridge(String cluster);

    /** One service source per registry, created or updated (the console ignores their version: last writer wins). */
    Uni<List<ConsoleWrite>> applyBridge(String cluster, McpBridgeSpec bridge);

    /** Deletes the service sources of these registries. */
    Uni<List<ConsoleWrite>> deleteRegistries(String cluster, List<String> registryNames);
}
