package net.gatehouse.appliance.crypto;

/** A key-slot operation that cannot be done: the card is full, the label is unknown, the store is unreadable. */
public final class KeySlotException extends Exception {

    public KeySlotException(String message) {
        super(message);
    }

    public KeySlotException(String message, Throwable cause) {
        super(message, cause);
    }
}
