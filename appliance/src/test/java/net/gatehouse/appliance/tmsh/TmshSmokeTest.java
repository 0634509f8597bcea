package net.gatehouse.appliance.tmsh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.gatehouse.appliance.CoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TmshSmokeTest {

    @TempDir
    Path dir;

    @Test
    void createsAndListsAPool() {
        try (CoreFixture core = CoreFixture.open(dir)) {
            core.tmsh("create ltm pool web members add { 10.0.0.1:80 10.0.0.2:http } monitor http");
            System.out.println(core.tmsh("list ltm pool web"));
            System.out.println(core.tmsh("list ltm pool web all-properties"));
            System.out.println(core.tmsh("list ltm node"));
            core.tmsh("create ltm virtual vs destination 10.1.1.1:80 pool web profiles add { tcp http }");
            System.out.println(core.tmsh("list ltm virtual vs"));
            System.out.println(core.tmsh("list ltm virtual-address"));
            System.out.println(core.tmsh("create ltm monitor http m1 send \"GET /health\\r\\n\" recv 200"));
            System.out.println(core.tmsh("list ltm monitor http m1"));
            System.out.println(core.tmsh("list ltm profile http http all-properties"));
            System.out.println(core.tmsh("list ltm pool web one-line"));
            System.out.println(core.tmshError("create ltm pool p2 monitor nosuch"));
            System.out.println(core.tmshError("delete ltm pool web"));
            System.out.println(core.tmshError("create ltm virtual v2 destination 10.1.1.2:80 profiles add { fastL4 http }"));
            System.out.println(core.tmsh("list sys db ui.advisory.enabled"));
            assertThat(core.generation()).isEqualTo(3);
            core.restart();
            assertThat(core.generation()).isEqualTo(3);
        }
    }
}
