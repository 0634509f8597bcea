package net.gatehouse.appliance.ucs;

/** A refused {@code save/load/delete sys ucs}, with a message that names the archive and what is wrong. */
public final class UcsError extends Exception {

    public UcsError(String message) {
        super(message);
    }

    public UcsError(String message, Throwable cause) {
        super(message, cause);
    }
}
