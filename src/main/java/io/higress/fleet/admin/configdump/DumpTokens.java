package io.higress.fleet.admin.configdump;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * What reads a config_dump token by token and keeps only what it needs ({@link ConfigDumpSummarizer}'s summary,
 * the route table's routes): fed by a {@link DumpFeed}, never given the document.
 */
public interface DumpTokens<T> {

    void accept(JsonToken token, JsonParser parser) throws IOException;

    /** What was kept, once the document ended; a {@link MalformedConfigDumpException} if it did not end well. */
    T build();
}
