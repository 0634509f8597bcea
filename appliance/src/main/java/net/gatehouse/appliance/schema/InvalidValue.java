package net.gatehouse.appliance.schema;

/** A value that does not fit its property's type; the message says what was expected. */
public final class InvalidValue extends Exception {

    public InvalidValue(String message) {
        super(message);
    }
}
