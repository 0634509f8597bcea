package net.gatehouse.appliance.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.gatehouse.appliance.view.LtmView;
import org.junit.jupiter.api.Test;

class OneConnectPolicyTest {

    private static final InetSocketAddress MEMBER = new InetSocketAddress("10.0.0.1", 80);

    private static LtmView.Virtual virtual(LtmView.OneConnect profile) {
        return new LtmView.Virtual("/Common/vs", "10.1.1.1", 80, "255.255.255.255", "tcp", true,
                Optional.of("/Common/web"), List.of("/Common/tcp", "/Common/http", profile.profile()), List.of(), 0,
                new LtmView.Transport(Optional.of("/Common/tcp"), 300, false),
                new LtmView.SourceTranslation("none", Optional.empty()), Optional.empty(), List.of(),
                Optional.of(profile));
    }

    private static OneConnectPolicy policy(String mask, long maxSize, Optional<Long> idle, boolean share, int loops) {
        return OneConnectPolicy.of(virtual(new LtmView.OneConnect("/Common/oc", mask, maxSize, 86400, 1000, idle,
                share)), loops).orElseThrow();
    }

    private static InetSocketAddress from(String address) {
        return new InetSocketAddress(address, 0);
    }

    @Test
    void aVirtualWithoutAOneConnectProfileHasNoPolicy() {
        LtmView.Virtual plain = new LtmView.Virtual("/Common/vs", "10.1.1.1", 80, "255.255.255.255", "tcp", true,
                Optional.empty(), List.of(), List.of(), 0, LtmView.Transport.NONE,
                new LtmView.SourceTranslation("none", Optional.empty()), Optional.empty(), List.of(), Optional.empty());
        assertThat(OneConnectPolicy.of(plain, 2)).isEmpty();
    }

    @Test
    void sourceMaskAnyLetsEverySourceShareAKey() {
        OneConnectPolicy any = policy("any", 10000, Optional.empty(), false, 1);
        assertThat(any.key(MEMBER, from("127.0.0.2"))).isEqualTo(any.key(MEMBER, from("127.0.0.3")))
                .isEqualTo(any.key(MEMBER, null));
        OneConnectPolicy zeros = policy("0.0.0.0", 10000, Optional.empty(), false, 1);
        assertThat(zeros.key(MEMBER, from("10.9.9.9"))).isEqualTo(zeros.key(MEMBER, from("192.168.1.1")));
    }

    @Test
    void aSourceMaskSeparatesSourcesOutsideItsNetwork() {
        OneConnectPolicy host = policy("255.255.255.255", 10000, Optional.empty(), false, 1);
        assertThat(host.key(MEMBER, from("127.0.0.2"))).isNotEqualTo(host.key(MEMBER, from("127.0.0.3")));
        OneConnectPolicy subnet = policy("255.255.255.0", 10000, Optional.empty(), false, 1);
        assertThat(subnet.key(MEMBER, from("10.0.1.2"))).isEqualTo(subnet.key(MEMBER, from("10.0.1.200")))
                .isNotEqualTo(subnet.key(MEMBER, from("10.0.2.2")));
    }

    @Test
    void automapConnectionsShareTheHostsSourceWhateverTheMask() {
        OneConnectPolicy host = policy("255.255.255.255", 10000, Optional.empty(), false, 1);
        assertThat(host.key(MEMBER, null)).isEqualTo(host.key(MEMBER, null));
        assertThat(host.key(MEMBER, null)).isNotEqualTo(host.key(new InetSocketAddress("10.0.0.2", 80), null));
    }

    @Test
    void sharePoolsScopesReuseToTheProfileInsteadOfTheVirtual() {
        assertThat(policy("any", 10, Optional.empty(), false, 1).scope()).isEqualTo("/Common/vs");
        assertThat(policy("any", 10, Optional.empty(), true, 1).scope()).isEqualTo("/Common/oc");
    }

    @Test
    void maxSizeIsSplitOverTheEventLoopsRoundingUp() {
        assertThat(policy("any", 2, Optional.empty(), false, 2).maxIdlePerLoop()).isEqualTo(1);
        assertThat(policy("any", 1, Optional.empty(), false, 2).maxIdlePerLoop()).isEqualTo(1);
        assertThat(policy("any", 10000, Optional.empty(), false, 3).maxIdlePerLoop()).isEqualTo(3334);
        assertThat(policy("any", 0, Optional.empty(), false, 4).maxIdlePerLoop()).isZero();
    }

    @Test
    void theIdleTimeoutIsTheOverrideOrElseTheTransportProfiles() {
        assertThat(policy("any", 10, Optional.empty(), false, 1).idleTimeoutNanos())
                .isEqualTo(TimeUnit.SECONDS.toNanos(300));
        assertThat(policy("any", 10, Optional.of(5L), false, 1).idleTimeoutNanos())
                .isEqualTo(TimeUnit.SECONDS.toNanos(5));
        assertThat(policy("any", 10, Optional.of(0L), false, 1).idleTimeoutNanos()).isZero();
    }

    @Test
    void aConnectionIsTooOldFromMaxAgeOn() {
        OneConnectPolicy policy = policy("any", 10, Optional.empty(), false, 1);
        long opened = 1_000;
        assertThat(policy.tooOld(opened, opened + TimeUnit.SECONDS.toNanos(86399))).isFalse();
        assertThat(policy.tooOld(opened, opened + TimeUnit.SECONDS.toNanos(86400))).isTrue();
    }
}
