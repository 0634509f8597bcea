package net.gatehouse.appliance.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransportTest {

    private static Transport best() {
        return Transport.IO_URING.available() ? Transport.IO_URING
                : Transport.EPOLL.available() ? Transport.EPOLL : Transport.NIO;
    }

    @Test
    void withoutAChoiceTheBestTransportThatLoadsIsTaken() {
        assertThat(Transport.choose(Optional.empty())).isEqualTo(best());
        assertThat(Transport.choose(Optional.of("auto"))).isEqualTo(best());
    }

    @Test
    void aTransportAskedForByNameIsTakenWhenItLoads() {
        assertThat(Transport.choose(Optional.of("nio"))).isEqualTo(Transport.NIO);
        assertThat(Transport.choose(Optional.of(" EPOLL "))).isEqualTo(
                Transport.EPOLL.available() ? Transport.EPOLL : best());
        assertThat(Transport.choose(Optional.of("io_uring"))).isEqualTo(
                Transport.IO_URING.available() ? Transport.IO_URING : best());
    }

    @Test
    void anUnknownTransportFallsBackToTheBestAndSaysWhy() {
        assertThat(Transport.choose(Optional.of("dpdk"))).isEqualTo(best());
        assertThat(Transport.unavailabilityOf("dpdk")).contains("no such transport").contains("io_uring");
    }

    @Test
    void onlyTheNativeTransportsCanBindAnAddressThatIsNotOnThisHost() {
        assertThat(Transport.EPOLL.bindsAnyAddress()).isTrue();
        assertThat(Transport.IO_URING.bindsAnyAddress()).isTrue();
        assertThat(Transport.NIO.bindsAnyAddress()).isFalse();
    }
}
