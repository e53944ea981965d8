package io.higress.fleet.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code GET /api/v1/fleet/config_dump}: every gateway's dump, copied to standard output as it arrives (dumps can be
 * hundreds of MB; fleetctl never holds one). The same bytes are parsed on the way through, skipping the dumps, to
 * find the failed gateways and the exit code.
 */
@Command(name = "config-dump", description = "Every targeted gateway's Envoy configuration as one JSON document, "
        + "streamed (secrets redacted unless you are an admin). Exit 2 when some gateways failed.")
final class ConfigDumpCommand extends ApiCommand {
    @Option(names = "--resource", paramLabel = "NAME", description = "Only this resource, e.g. dynamic_route_configs.")
    String resource;

    @Option(names = "--mask", paramLabel = "FIELDS", description = "Only these fields, e.g. version_info.")
    String mask;

    @Option(names = "--name-regex", paramLabel = "REGEX", description = "Only resources whose names match.")
    String nameRegex;

    @Option(names = "--include-eds", description = "Include the endpoints (EDS).")
    boolean includeEds;

    @Mixin
    TargetingOptions targeting;

    ConfigDumpCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    Exit run(FleetClient client) throws IOException {
        Query query = targeting.addTo(new Query()).add("resource", resource).add("mask", mask)
                .add("name_regex", nameRegex).flag("include_eds", includeEds);
        int ok = 0;
        List<JsonNode> failed = new ArrayList<>();
        try (InputStream body = new Tee(client.stream("/api/v1/fleet/config_dump", query, FleetClient.JSON),
                terminal.rawOut); JsonParser p = Json.JSON.getFactory().createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("items") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode item = item(p);
                        if ("ok".equals(Json.text(item, "status"))) {
                            ok++;
                        } else {
                            failed.add(item);
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            body.transferTo(OutputStream.nullOutputStream()); // the rest (a newline) reaches the output too
        } catch (JsonProcessingException e) {
            terminal.rawOut.flush();
            throw CliFailure.failed("the config_dump answer was cut off or is not JSON: " + e.getOriginalMessage(), e);
        }
        terminal.rawOut.flush();
        terminal.out.println();
        for (JsonNode item : failed) {
            terminal.err.println(FleetRead.where(item) + ":");
            Problems.nested(item.path("error"), "  ").forEach(terminal.err::println);
        }
        return Exit.of(ok, failed.size());
    }

    /** An item's fields but its dump ({@code data}), which is skipped unread. */
    private static JsonNode item(JsonParser p) throws IOException {
        ObjectNode item = Json.JSON.createObjectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("data")) {
                p.skipChildren();
            } else {
                item.set(field, Json.JSON.readTree(p));
            }
        }
        return item;
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw CliFailure.failed("the config_dump answer is not a JSON object", null);
        }
    }

    /** Whatever is read from the answer is written to standard output, unchanged. */
    private static final class Tee extends FilterInputStream {
        private final OutputStream copy;

        Tee(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                copy.write(buffer, offset, n);
            }
            return n;
        }
    }
}
