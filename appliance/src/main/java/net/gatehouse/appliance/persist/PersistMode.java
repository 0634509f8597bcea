package net.gatehouse.appliance.persist;

import java.util.Optional;

/** A persistence method, with the word {@code show ltm persistence persist-records} prints for it. */
public enum PersistMode {
    COOKIE("cookie", "ltm persistence cookie"),
    DESTINATION_ADDRESS("destination-address", "ltm persistence dest-addr"),
    HASH("hash", "ltm persistence hash"),
    SOURCE_ADDRESS("source-address", "ltm persistence source-addr"),
    SSL_SESSION_ID("ssl-session-id", "ltm persistence ssl"),
    UNIVERSAL("universal", "ltm persistence universal");

    private final String word;
    private final String component;

    PersistMode(String word, String component) {
        this.word = word;
        this.component = component;
    }

    /** The tmsh word: {@code source-address}. */
    public String word() {
        return word;
    }

    /** The profile component that configures this method: {@code ltm persistence source-addr}. */
    public String component() {
        return component;
    }

    public static Optional<PersistMode> ofWord(String word) {
        for (PersistMode mode : values()) {
            if (mode.word.equals(word)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    public static Optional<PersistMode> ofComponent(String component) {
        for (PersistMode mode : values()) {
            if (mode.component.equals(component)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
