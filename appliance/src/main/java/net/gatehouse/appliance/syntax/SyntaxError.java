package net.gatehouse.appliance.syntax;

/** Text that cannot be read; the message names what is wrong and where. */
public final class SyntaxError extends Exception {

    private final int line;

    public SyntaxError(String message, int line) {
        super(message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
