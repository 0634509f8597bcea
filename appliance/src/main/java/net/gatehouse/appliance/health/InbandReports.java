package net.gatehouse.appliance.health;

import java.time.Duration;

/**
 * How the data plane tells the inband monitor what real connections to a pool member did. Cheap to
 * call on every connection: a member without an inband monitor ignores the report.
 */
public interface InbandReports {

    /** A connection to the member failed: refused, reset before an answer, or timed out. */
    void connectionFailed(String poolPath, String memberPath);

    /** The member answered after {@code responseTime}; slower than the monitor's response-time is a failure. */
    void responseReceived(String poolPath, String memberPath, Duration responseTime);

    /** Reports that go nowhere, for a data plane running without a monitor engine. */
    static InbandReports ignored() {
        return new InbandReports() {
            @Override
            public void connectionFailed(String poolPath, String memberPath) {
            }

            @Override
            public void responseReceived(String poolPath, String memberPath, Duration responseTime) {
            }
        };
    }
}
