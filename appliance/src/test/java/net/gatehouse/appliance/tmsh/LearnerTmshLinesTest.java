package net.gatehouse.appliance.tmsh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.gatehouse.appliance.CoreFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tmsh lines as a learner types them from F5's tmsh reference ({@code ltm pool(1)}: {@code members
 * add}, {@code members modify}, {@code all}) and K articles (forcing a member offline, listing one
 * property, working in partitions and folders), one session as at the prompt.
 */
class LearnerTmshLinesTest {

    @TempDir
    Path data;

    private CoreFixture core;

    @BeforeEach
    void open() {
        core = CoreFixture.open(data);
        core.tmsh("create ltm pool http_pool members add { 10.10.10.1:80 10.10.10.2:80 } monitor http");
    }

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void membersAreAddedForcedOfflineAndDeleted() {
        core.tmsh("modify ltm pool http_pool members add { 10.10.10.3:80 }");
        core.tmsh("modify ltm pool http_pool members modify { 10.10.10.1:80 { state user-down session user-disabled } }");
        assertThat(core.tmsh("list ltm pool http_pool one-line")).isEqualTo("ltm pool http_pool { members { "
                + "10.10.10.1:http { address 10.10.10.1 session user-disabled state user-down } "
                + "10.10.10.2:http { address 10.10.10.2 } 10.10.10.3:http { address 10.10.10.3 } } monitor http }\n");
        assertThat(core.tmsh("show ltm pool http_pool members"))
                .contains("  | Ltm::Pool Member: 10.10.10.1:80\n")
                .contains("  |   Availability : offline\n  |   State        : disabled\n  |   Reason       : Forced down\n");
        core.tmsh("modify ltm pool http_pool members delete { 10.10.10.3:80 }");
        assertThat(core.tmsh("list ltm pool http_pool")).doesNotContain("10.10.10.3");
    }

    @Test
    void allStandsForEveryMemberAndEveryPool() {
        core.tmsh("modify ltm pool http_pool members modify { all { session user-disabled } }");
        assertThat(core.tmsh("list ltm pool http_pool one-line")).isEqualTo("ltm pool http_pool { members { "
                + "10.10.10.1:http { address 10.10.10.1 session user-disabled } "
                + "10.10.10.2:http { address 10.10.10.2 session user-disabled } } monitor http }\n");
        core.tmsh("create ltm pool other_pool");
        core.tmsh("modify ltm pool all description maintenance");
        assertThat(core.tmsh("list ltm pool description"))
                .isEqualTo("ltm pool http_pool {\n    description maintenance\n}\n"
                        + "ltm pool other_pool {\n    description maintenance\n}\n");
        core.tmsh("modify ltm pool http_pool members delete { all }");
        assertThat(core.tmsh("list ltm pool http_pool")).isEqualTo("ltm pool http_pool {\n    description maintenance\n"
                + "    monitor http\n}\n");
        core.tmsh("delete ltm pool all");
        assertThat(core.tmsh("list ltm pool")).isEmpty();
        assertThat(core.tmsh("list ltm monitor http http")).startsWith("ltm monitor http http {");
    }

    @Test
    void deleteAllIsOneChangeRefusedWhileAPoolIsInUse() {
        core.tmsh("create ltm pool spare_pool");
        core.tmsh("create ltm virtual http_vs destination 10.10.20.100:80 ip-protocol tcp pool http_pool "
                + "profiles add { tcp http }");
        assertThat(core.tmshError("delete ltm pool all")).isEqualTo("01070265:3: The Pool (/Common/http_pool) "
                + "cannot be deleted because it is in use by a Virtual Server (/Common/http_vs).");
        assertThat(core.tmsh("list ltm pool spare_pool")).isEqualTo("ltm pool spare_pool { }\n");
    }

    @Test
    void globsNameSeveralObjectsToListAndDelete() {
        core.tmsh("create ltm pool web_a");
        core.tmsh("create ltm pool web_b");
        assertThat(core.tmsh("list ltm pool web_* one-line")).isEqualTo("ltm pool web_a { }\nltm pool web_b { }\n");
        core.tmsh("delete ltm pool web_*");
        assertThat(core.tmsh("list ltm pool one-line")).doesNotContain("web_");
        assertThat(core.tmshError("delete ltm pool web_*"))
                .isEqualTo("01020036:3: The requested Pool (/Common/web_*) was not found.");
    }

    @Test
    void namedPropertiesNarrowTheListingAndShowDefaultsToo() {
        core.tmsh("create ltm virtual http_vs destination 10.10.20.100:80 ip-protocol tcp pool http_pool "
                + "profiles add { http } source-address-translation { type automap }");
        assertThat(core.tmsh("list ltm virtual http_vs pool destination"))
                .isEqualTo("ltm virtual http_vs {\n    destination 10.10.20.100:http\n    pool http_pool\n}\n");
        assertThat(core.tmsh("list ltm pool http_pool load-balancing-mode"))
                .isEqualTo("ltm pool http_pool {\n    load-balancing-mode round-robin\n}\n");
        assertThat(core.tmsh("list ltm virtual http_vs profiles"))
                .isEqualTo("ltm virtual http_vs {\n    profiles {\n        http {\n            context all\n        }\n"
                        + "        tcp {\n            context all\n        }\n    }\n}\n");
        assertThat(core.tmsh("list ltm virtual all-properties")).contains("    translate-port enabled\n");
    }

    @Test
    void foldersAreWorkedInWithCdAndListedRecursively() {
        core.tmsh("create auth partition Dev");
        core.tmsh("create ltm pool /Dev/dev_pool members add { 10.20.0.1:8080 }");
        core.tmsh("cd /Dev");
        assertThat(core.tmsh("list ltm pool one-line"))
                .isEqualTo("ltm pool dev_pool { members { 10.20.0.1:webcache { address 10.20.0.1 } } }\n");
        core.tmsh("cd /");
        assertThat(core.tmsh("list ltm pool recursive one-line")).isEqualTo(
                "ltm pool /Common/http_pool { members { /Common/10.10.10.1:http { address 10.10.10.1 } "
                        + "/Common/10.10.10.2:http { address 10.10.10.2 } } monitor /Common/http }\n"
                        + "ltm pool /Dev/dev_pool { members { /Dev/10.20.0.1:webcache { address 10.20.0.1 } } }\n");
        assertThat(core.tmsh("list ltm pool one-line")).isEmpty();
        core.tmsh("cd /Common");
        assertThat(core.tmsh("list ltm node recursive one-line")).doesNotContain("10.20.0.1");
    }

    @Test
    void aMonitorWithEscapesAndACookieProfileAreCreatedAsTyped() {
        core.tmsh("create ltm monitor http my_http defaults-from http send \"GET /health HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n\" "
                + "recv \"200 OK\" interval 10 timeout 31");
        core.tmsh("create ltm persistence cookie my_cookie defaults-from cookie cookie-name SRV");
        core.tmsh("modify ltm pool http_pool monitor my_http");
        assertThat(core.tmsh("list ltm monitor http my_http send"))
                .isEqualTo("ltm monitor http my_http {\n    send \"GET /health HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n\"\n}\n");
        assertThat(core.tmsh("list ltm persistence cookie my_cookie"))
                .isEqualTo("ltm persistence cookie my_cookie {\n    app-service none\n    cookie-name SRV\n"
                        + "    defaults-from cookie\n}\n");
        core.tmsh("modify ltm node 10.10.10.1 state user-down");
        assertThat(core.tmsh("list ltm node 10.10.10.1")).isEqualTo("ltm node 10.10.10.1 {\n    address 10.10.10.1\n"
                + "    state user-down\n}\n");
    }
}
