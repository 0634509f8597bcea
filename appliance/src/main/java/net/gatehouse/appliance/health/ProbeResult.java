package net.gatehouse.appliance.health;

/** What one probe found: success, failure, a {@code recv-disable} match, or that it cannot be run here. */
public record ProbeResult(Outcome outcome, String reason) {

    /** A probe's outcome. */
    public enum Outcome {
        /** Connected and, where asked, {@code recv} matched. */
        SUCCESS,
        /** Could not connect, no match, or no answer before the probe's deadline. */
        FAILURE,
        /** {@code recv-disable} matched: the service is up but asks to be drained. */
        DISABLE,
        /** This process cannot run the probe at all (ICMP without an ICMP socket). */
        NOT_POSSIBLE
    }

    public static ProbeResult success() {
        return new ProbeResult(Outcome.SUCCESS, "");
    }

    public static ProbeResult failure(String reason) {
        return new ProbeResult(Outcome.FAILURE, reason);
    }

    public static ProbeResult disable() {
        return new ProbeResult(Outcome.DISABLE, "Recv disable string matched");
    }

    public static ProbeResult notPossible(String reason) {
        return new ProbeResult(Outcome.NOT_POSSIBLE, reason);
    }
}
