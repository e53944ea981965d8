package io.higress.fleet.admin.configdump;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes the tokens of {@code {"configs":[{section}, ...]}} one at a time. In a section, {@code @type} and
 * {@code version_info} are read whatever their position; every array of objects is a resource list (its field
 * name is the group); every object field (e.g. {@code bootstrap}) is one resource named after the field. Unknown
 * root fields and non-object list elements are skipped.
 */
final class ConfigDumpSummaryBuilder implements DumpTokens<ConfigDumpSummary> {

    private final KeyNames keyNames = new KeyNames();
    private final List<ConfigSection> sections = new ArrayList<>();
    private int depth;
    private final ValueSkip skip = new ValueSkip();
    private boolean done;
    private String field;
    private ResourceCapture resource;
    private List<ResourceSummary> sectionResources;
    private String sectionType;
    private String sectionVersion;
    private String listGroup;
    private int listIndex;

    @Override
    public void accept(JsonToken token, JsonParser parser) throws IOException {
        if (resource != null) {
            if (resource.accept(token, parser)) {
                sectionResources.add(resource.summary());
                resource = null;
            }
            return;
        }
        if (skip.swallowed(token)) {
            return;
        }
        if (done) {
            throw new MalformedConfigDumpException("trailing content after the config_dump document");
        }
        switch (depth) {
            case 0 -> {
                if (token != JsonToken.START_OBJECT) {
                    throw new MalformedConfigDumpException("a config_dump is a JSON object, found " + token);
                }
                depth = 1;
            }
            case 1 -> root(token, parser);
            case 2 -> configs(token);
            case 3 -> section(token, parser);
            default -> resourceList(token, parser);
        }
    }

    private void root(JsonToken token, JsonParser parser) throws IOException {
        if (token == JsonToken.FIELD_NAME) {
            field = parser.currentName();
        } else if (token == JsonToken.START_ARRAY && "configs".equals(field)) {
            depth = 2;
        } else if (token.isStructStart()) {
            skip.start();
        } else if (token == JsonToken.END_OBJECT) {
            depth = 0;
            done = true;
        }
    }

    private void configs(JsonToken token) {
        if (token == JsonToken.START_OBJECT) {
            depth = 3;
            sectionResources = new ArrayList<>();
            sectionType = null;
            sectionVersion = null;
        } else if (token == JsonToken.END_ARRAY) {
            depth = 1;
        } else if (token.isStructStart()) {
            skip.start();
        }
    }

    private void section(JsonToken token, JsonParser parser) throws IOException {
        switch (token) {
            case FIELD_NAME -> field = parser.currentName().equals("@type") ? "@type" : keyNames.snake(parser.currentName());
            case VALUE_STRING -> {
                if (field.equals("@type")) {
                    sectionType = parser.getText();
                } else if (field.equals("version_info")) {
                    sectionVersion = parser.getText();
                }
            }
            case START_ARRAY -> {
                depth = 4;
                listGroup = field;
                listIndex = 0;
            }
            case START_OBJECT -> {
                resource = new ResourceCapture(field, field, field, keyNames);
                resource.accept(token, parser);
            }
            case END_OBJECT -> {
                sections.add(new ConfigSection(sectionType, ConfigSection.kindOf(sectionType), sectionVersion,
                        List.copyOf(sectionResources)));
                depth = 2;
            }
            default -> { }
        }
    }

    private void resourceList(JsonToken token, JsonParser parser) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            resource = new ResourceCapture(listGroup, null, listGroup + "[" + listIndex + "]", keyNames);
            listIndex++;
            resource.accept(token, parser);
        } else if (token == JsonToken.START_ARRAY) {
            skip.start();
        } else if (token == JsonToken.END_ARRAY) {
            depth = 3;
        }
    }

    @Override
    public ConfigDumpSummary build() {
        if (!done) {
            throw new MalformedConfigDumpException("truncated config_dump");
        }
        return new ConfigDumpSummary(List.copyOf(sections));
    }
}
