package net.gatehouse.appliance.tmsh;

/** A tmsh command that failed; the message is what tmsh prints. */
public final class TmshError extends Exception {

    public TmshError(String message) {
        super(message);
    }
}
