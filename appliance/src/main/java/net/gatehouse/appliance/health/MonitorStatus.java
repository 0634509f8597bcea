package net.gatehouse.appliance.health;

/**
 * What one monitor says of one member or node at one moment: its state, whether a
 * {@code recv-disable} match asks for draining, and the last error in BIG-IP's words.
 */
public record MonitorStatus(State state, boolean draining, String lastError) {

    /** A monitor instance's state. */
    public enum State {
        /** Started, no verdict yet. */
        CHECKING,
        UP,
        DOWN,
        /** Down earlier and up again, held down until resumed ({@code manual-resume}). */
        HELD,
        /** The probe cannot be run by this process; traffic is not stopped. */
        UNKNOWN
    }

    static MonitorStatus checking() {
        return new MonitorStatus(State.CHECKING, false, "");
    }

    public boolean isDown() {
        return state == State.DOWN || state == State.HELD;
    }
}
