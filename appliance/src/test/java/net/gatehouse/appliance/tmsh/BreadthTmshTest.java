package net.gatehouse.appliance.tmsh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.gatehouse.appliance.CoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BreadthTmshTest {

    @TempDir
    Path data;

    @Test
    void aClientSslProfileWithNoCertificateInheritsTheDefaultCertificate() {
        try (CoreFixture core = CoreFixture.open(data)) {
            core.tmsh("create ltm profile client-ssl plain");
            assertThat(core.tmsh("list ltm profile client-ssl plain all-properties"))
                    .contains("    cert default.crt\n")
                    .contains("    key default.key\n");
        }
    }

    @Test
    void onlyPublishedPoliciesAttachToVirtuals() {
        try (CoreFixture core = CoreFixture.open(data)) {
            core.tmsh("create ltm pool api");
            core.tmsh("create ltm policy Drafts/route controls replace-all-with { forwarding }"
                    + " requires replace-all-with { http } rules replace-all-with { r1 { conditions replace-all-with"
                    + " { 0 { http-uri path starts-with values { /api } } } actions replace-all-with { 0 { forward"
                    + " select pool api } } } }");
            assertThat(core.tmsh("list ltm policy Drafts/route")).contains("    status draft\n");
            assertThat(core.tmshError("create ltm virtual vs destination 10.1.1.1:80 profiles add { tcp http }"
                    + " policies add { Drafts/route }"))
                    .contains("Policy '/Common/Drafts/route' is a draft");
            core.tmsh("publish ltm policy Drafts/route");
            assertThat(core.tmsh("list ltm policy route")).contains("    status published\n")
                    .contains("                    http-uri\n");
            core.tmsh("create ltm virtual vs destination 10.1.1.1:80 profiles add { tcp http } policies add { route }");
            assertThat(core.tmsh("list ltm policy")).doesNotContain("Drafts");
        }
    }

    @Test
    void anIRuleIsKeptExactlyAsTyped() {
        try (CoreFixture core = CoreFixture.open(data)) {
            core.tmsh("create ltm rule redirect { when HTTP_REQUEST { HTTP::redirect \"https://[HTTP::host][HTTP::uri]\" } }");
            assertThat(core.tmsh("list ltm rule redirect")).isEqualTo(
                    "ltm rule redirect { when HTTP_REQUEST { HTTP::redirect \"https://[HTTP::host][HTTP::uri]\" } }\n");
        }
    }

    @Test
    void unmodelledFamiliesListAsEmpty() {
        try (CoreFixture core = CoreFixture.open(data)) {
            assertThat(core.tmsh("list ltm profile sip")).isEmpty();
            assertThat(core.tmsh("list ltm message-routing sip profile router")).isEmpty();
        }
    }

    @Test
    void singletonsAreModifiedWithoutAName() {
        try (CoreFixture core = CoreFixture.open(data)) {
            core.tmsh("modify sys dns name-servers replace-all-with { 10.0.0.53 }");
            core.tmsh("modify sys ntp servers add { pool.ntp.org } timezone UTC");
            assertThat(core.tmsh("list sys dns")).isEqualTo("sys dns {\n    name-servers { 10.0.0.53 }\n}\n");
            assertThat(core.tmsh("list sys ntp")).isEqualTo("sys ntp {\n    servers { pool.ntp.org }\n    timezone UTC\n}\n");
        }
    }
}
