/**
 * The one redaction service ({@link io.higress.fleet.security.redaction.Redaction}), configured by
 * {@code fleet.redaction.keys}: config_dump (the streamed redactor in {@code admin.redact} takes its keys from
 * here), the single-gateway passthrough, plugin reads, export, write answers and their diffs, rollout views and
 * events, and the audit log. See docs/security.md.
 */
package io.higress.fleet.security.redaction;
