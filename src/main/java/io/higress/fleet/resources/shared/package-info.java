/**
 * Objects several kinds write entries into, the way the Higress Console does, so that a cluster written by the
 * facade and one written by the console hold the same objects: the console's WasmPlugins of built-in plugins
 * ({@code <plugin>.internal} and {@code <plugin>-<version>}, {@link ConsolePlugins}) and their plugin instances at
 * scopes (global = {@code defaultConfig}, route / domain / service = a {@code matchRules} entry,
 * {@link PluginInstances}); the McpBridge {@code default}'s registries and proxies ({@link BridgeRegistries}); the
 * key-auth plugin's consumer list and allow lists ({@link KeyAuthConsumers}); the {@code mcpServer} section of
 * Higress's ConfigMap {@code higress-config} ({@link HigressConfig}, YAML as the console writes it:
 * {@link ConsoleYaml}); the metadata the console gives the objects it writes ({@link ConsoleMetadata}); and the
 * {@link Workspace} in which a form edits those objects and that answers its parts. Not a kind: the AI providers,
 * AI routes, consumers, MCP servers and settings, service sources, proxy servers and plugin instances use it
 * (docs/kinds.md, "an entry in a shared object").
 */
package io.higress.fleet.resources.shared;
