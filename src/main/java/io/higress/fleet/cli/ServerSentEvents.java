package io.higress.fleet.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads a text/event-stream (the HTML standard's format): events with a name and data, until the stream ends. */
final class ServerSentEvents implements AutoCloseable {
    record Event(String name, String data) {
    }

    private final BufferedReader reader;

    ServerSentEvents(InputStream stream) {
        this.reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    /** The next event, or null at the end of the stream. Fields other than event and data are ignored. */
    Event next() throws IOException {
        String name = "message";
        StringBuilder data = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name, data.toString());
                }
                name = "message";
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                name = value;
            } else if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
