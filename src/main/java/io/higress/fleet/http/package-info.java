/**
 * The facade's HTTP pipeline: the order of its own Vert.x handlers ahead of the REST layer, in one enum
 * ({@link io.higress.fleet.http.Pipeline}); LayeringTest keeps every handler's order coming from it.
 */
package io.higress.fleet.http;
