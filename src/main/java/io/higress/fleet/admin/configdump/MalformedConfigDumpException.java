package io.higress.fleet.admin.configdump;

/** The config_dump is not valid JSON, is truncated, or is not shaped like {@code {"configs":[...]}}. */
public class MalformedConfigDumpException extends RuntimeException {

    public MalformedConfigDumpException(String message) {
        super(message);
    }

    public MalformedConfigDumpException(String message, Throwable cause) {
        super(message, cause);
    }
}
