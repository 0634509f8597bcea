package net.gatehouse.appliance.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import net.gatehouse.appliance.CoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LtmViewTest {

    @TempDir
    Path dir;

    @Test
    void theTypedViewCarriesEffectiveValuesForTheDataPlane() {
        try (CoreFixture core = CoreFixture.open(dir)) {
            core.tmsh("create ltm pool web members add { 10.0.0.1:80 { ratio 3 } 2001:db8::2.443 { session user-disabled } } "
                    + "load-balancing-mode ratio-member slow-ramp-time 30");
            core.tmsh("create ltm virtual vs destination 10.1.1.1:http pool web profiles add { tcp http } disabled");
            LtmView view = LtmView.of(core.appliance().snapshot());

            LtmView.Pool web = view.pools().get("/Common/web");
            assertThat(web.loadBalancingMode()).isEqualTo("ratio-member");
            assertThat(web.slowRampSeconds()).isEqualTo(30);
            assertThat(web.members()).containsExactly(
                    new LtmView.Member("/Common/10.0.0.1:80", "10.0.0.1", 80, 0, "default", 3, 1, 0, true, false),
                    new LtmView.Member("/Common/2001:db8::2.443", "2001:db8::2", 443, 0, "default", 1, 1, 0, false, false));
            LtmView.Virtual vs = view.virtuals().get("/Common/vs");
            assertThat(vs.address()).isEqualTo("10.1.1.1");
            assertThat(vs.port()).isEqualTo(80);
            assertThat(vs.enabled()).isFalse();
            assertThat(vs.pool()).isEqualTo(Optional.of("/Common/web"));
            assertThat(vs.profiles()).containsExactly("/Common/http", "/Common/tcp");
            assertThat(view.nodes()).containsKeys("/Common/10.0.0.1", "/Common/2001:db8::2");
        }
    }

    @Test
    void theViewCarriesTransportTimeoutsAndSourceTranslation() {
        try (CoreFixture core = CoreFixture.open(dir)) {
            core.tmsh("create ltm profile fastl4 slow_l4 idle-timeout indefinite reset-on-timeout disabled");
            core.tmsh("create ltm snatpool outside members add { 10.9.0.1 10.9.0.2 }");
            core.tmsh("create ltm virtual l4 destination 10.1.1.2:443 profiles add { slow_l4 }"
                    + " source-address-translation { type snat pool outside }");
            core.tmsh("create ltm virtual plain destination 10.1.1.3:80 profiles add { tcp }");
            LtmView view = LtmView.of(core.appliance().snapshot());

            LtmView.Virtual l4 = view.virtuals().get("/Common/l4");
            assertThat(l4.transport()).isEqualTo(new LtmView.Transport(Optional.of("/Common/slow_l4"), 0, false));
            assertThat(l4.sourceTranslation()).isEqualTo(
                    new LtmView.SourceTranslation("snat", Optional.of("/Common/outside")));
            assertThat(view.snatpools().get("/Common/outside")).containsExactly("10.9.0.1", "10.9.0.2");
            LtmView.Virtual plain = view.virtuals().get("/Common/plain");
            assertThat(plain.transport()).isEqualTo(new LtmView.Transport(Optional.of("/Common/tcp"), 300, true));
            assertThat(plain.sourceTranslation().type()).isEqualTo("none");
        }
    }

    @Test
    void aSnapshotHasOneViewAndTheNextCommitsViewSeesAChangedSharedProfileInEveryVirtual() {
        try (CoreFixture core = CoreFixture.open(dir)) {
            core.tmsh("create ltm profile http shared_http defaults-from http");
            core.tmsh("create ltm virtual a destination 10.1.1.4:80 profiles add { tcp shared_http }");
            core.tmsh("create ltm virtual b destination 10.1.1.5:80 profiles add { tcp shared_http }");
            LtmView before = LtmView.of(core.appliance().snapshot());
            assertThat(LtmView.of(core.appliance().snapshot())).isSameAs(before);

            core.tmsh("modify ltm profile http http insert-xforwarded-for enabled");
            LtmView after = LtmView.of(core.appliance().snapshot());

            assertThat(after).isNotSameAs(before);
            for (String virtual : new String[] {"/Common/a", "/Common/b"}) {
                assertThat(before.virtuals().get(virtual).http().orElseThrow().insertXForwardedFor()).isFalse();
                assertThat(after.virtuals().get(virtual).http().orElseThrow().insertXForwardedFor()).isTrue();
            }
        }
    }
}
