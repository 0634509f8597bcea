package net.gatehouse.appliance.runtime;

/**
 * What the health monitors currently say, read by the data plane (to pick members) and by the
 * renderers (member {@code state} in {@code list}, {@code status.availabilityState} in REST).
 * Keyed by full paths; survives commits.
 */
public interface HealthView {

    /** The availability of a pool member ({@code /Common/web}, {@code /Common/10.0.0.1:80}) from its monitors. */
    Availability member(String poolPath, String memberPath);

    /** The availability of a node from its monitors. */
    Availability node(String nodePath);

    /** No monitor engine: everything is unchecked. */
    static HealthView unchecked() {
        return new HealthView() {
            @Override
            public Availability member(String poolPath, String memberPath) {
                return Availability.UNKNOWN;
            }

            @Override
            public Availability node(String nodePath) {
                return Availability.UNKNOWN;
            }
        };
    }
}
