package net.gatehouse.appliance.store;

/**
 * The configuration store cannot be used: locked by another process, out of space, or corrupt.
 * The message says which, in words an operator can act on.
 */
public final class StoreFailure extends RuntimeException {

    public StoreFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
