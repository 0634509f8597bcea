package net.gatehouse.appliance.config;

/**
 * A configuration change BIG-IP would refuse, with its message in F5's style:
 * {@code 01020036:3: The requested Pool (/Common/p1) was not found.}
 */
public final class ConfigError extends Exception {

    private final String code;
    private final String text;

    public ConfigError(String code, String text) {
        super(code + ":3: " + text);
        this.code = code;
        this.text = text;
    }

    /** An error without a BIG-IP code of its own (syntax, unknown property). */
    public static ConfigError general(String text) {
        return new ConfigError("01070734", "Configuration error: " + text);
    }

    public String code() {
        return code;
    }

    public String text() {
        return text;
    }
}
