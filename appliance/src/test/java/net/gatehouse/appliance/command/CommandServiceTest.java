package net.gatehouse.appliance.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.Edit;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.schema.ComponentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandServiceTest {

    @TempDir
    Path dir;

    private CoreFixture core;

    @BeforeEach
    void open() {
        core = CoreFixture.open(dir);
    }

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void builtInObjectsExistOnAFreshApplianceAndCannotBeDeleted() {
        for (String line : List.of("list ltm monitor http http", "list ltm monitor https https",
                "list ltm monitor tcp tcp", "list ltm monitor gateway-icmp gateway_icmp", "list ltm monitor icmp icmp",
                "list ltm monitor none none", "list ltm profile tcp tcp", "list ltm profile udp udp",
                "list ltm profile fastl4 fastL4", "list ltm profile http http", "list ltm profile one-connect oneconnect",
                "list ltm persistence cookie cookie", "list ltm persistence source-addr source_addr")) {
            assertThat(core.tmsh(line)).as(line).isNotBlank();
        }
        assertThat(core.tmshError("delete ltm monitor http http")).contains("built-in");
        assertThat(core.tmshError("delete ltm profile tcp tcp")).contains("built-in");
        assertThat(core.generation()).isZero();
    }

    @Test
    void aReferenceToAMissingObjectIsRefusedInF5Words() {
        assertThat(core.tmshError("create ltm virtual vs destination 10.1.1.1:80 pool p1"))
                .isEqualTo("01020036:3: The requested Pool (/Common/p1) was not found.");
        assertThat(core.tmshError("create ltm pool p1 monitor nosuch"))
                .isEqualTo("01020036:3: The requested monitor (/Common/nosuch) was not found.");
        assertThat(core.tmshError("create ltm virtual vs destination 10.1.1.1:80 profiles add { nosuch }"))
                .isEqualTo("01020036:3: The requested profile (/Common/nosuch) was not found.");
        assertThat(core.generation()).isZero();
    }

    @Test
    void referencesResolveWithinTheirFamilyOnly() {
        // a pool named like a monitor does not satisfy a monitor reference
        core.tmsh("create ltm pool probe");
        assertThat(core.tmshError("create ltm pool p1 monitor probe"))
                .isEqualTo("01020036:3: The requested monitor (/Common/probe) was not found.");
        // profile names are one family: a tcp profile may not take an http profile's name
        assertThat(core.tmshError("create ltm profile tcp http"))
                .isEqualTo("01020066:3: The requested profile (/Common/http) already exists in partition Common.");
    }

    @Test
    void deletingAReferencedObjectIsRefusedAndNamesTheReferrer() {
        core.tmsh("create ltm pool web members add { 10.0.0.1:80 } monitor http");
        core.tmsh("create ltm virtual vs destination 10.1.1.1:80 pool web");
        long generation = core.generation();
        assertThat(core.tmshError("delete ltm pool web")).isEqualTo("01070265:3: The Pool (/Common/web) cannot be "
                + "deleted because it is in use by a Virtual Server (/Common/vs).");
        assertThat(core.tmshError("delete ltm node 10.0.0.1")).isEqualTo("01070110:3: Node address "
                + "'/Common/10.0.0.1' is referenced by a member of pool '/Common/web'.");
        assertThat(core.generation()).isEqualTo(generation);
        core.tmsh("delete ltm virtual vs");
        core.tmsh("delete ltm pool web");
        core.tmsh("delete ltm node 10.0.0.1");
    }

    @Test
    void impossibleProfileCombinationsAreRefused() {
        assertThat(core.tmshError("create ltm virtual v1 destination 10.1.1.1:80 profiles add { fastL4 http }"))
                .isEqualTo("01070734:3: Configuration error: Found disallowed profile on /Common/v1: "
                        + "Not Any Of (FastL4 Profile, HTTP Profile)");
        assertThat(core.tmshError("create ltm virtual v1 destination 10.1.1.1:80 profiles add { udp http }"))
                .contains("an HTTP Profile requires a TCP Profile");
        assertThat(core.tmshError("create ltm virtual v1 destination 10.1.1.1:80 profiles add { tcp udp }"))
                .contains("Found more than one transport profile on /Common/v1");
        assertThat(core.tmshError("create ltm virtual v1 destination 10.1.1.1:80 profiles add { clientssl }"))
                .contains("Less than the required minimum number of profiles found on /Common/v1");
        assertThat(core.tmshError("create ltm virtual v1 destination 10.1.1.1:80 profiles add { fastL4 } "
                + "persist replace-all-with { cookie }")).startsWith("01070309:3: Cookie persistence requires");
        assertThat(core.generation()).isZero();
        core.tmsh("create ltm virtual v1 destination 10.1.1.1:80 profiles add { tcp { context clientside } "
                + "tcp-lan-optimized { context serverside } http }");
    }

    @Test
    void aVirtualWithoutProfilesGetsFastL4AndItsVirtualAddress() {
        core.tmsh("create ltm virtual v1 destination 10.1.1.1:443");
        assertThat(core.tmsh("list ltm virtual v1")).contains("fastL4 { }").contains("ip-protocol tcp");
        assertThat(core.tmsh("list ltm virtual-address 10.1.1.1")).contains("address 10.1.1.1");
    }

    @Test
    void aBatchWhoseLastCommandIsInvalidAppliesNothing() {
        Snapshot before = core.appliance().snapshot();
        ComponentType pool = before.schema().require("ltm pool");
        ComponentType virtual = before.schema().require("ltm virtual");
        List<Command> batch = List.of(
                new Command.Create(pool, "/Common/a", List.of()),
                new Command.Create(pool, "/Common/b", List.of()),
                new Command.Create(virtual, "/Common/v", List.of(
                        new Edit.SetText("destination", "/Common/10.1.1.1:80"),
                        new Edit.SetText("pool", "/Common/missing"))));
        assertThatThrownBy(() -> core.appliance().commands().execute(CoreFixture.ADMIN, batch))
                .isInstanceOf(ConfigError.class)
                .hasMessage("01020036:3: The requested Pool (/Common/missing) was not found.");
        assertThat(core.appliance().snapshot()).isSameAs(before);
        assertThat(core.tmsh("list ltm pool")).isEmpty();
        assertThat(core.appliance().store().generation()).isZero();
        core.restart();
        assertThat(core.tmsh("list ltm pool")).isEmpty();
    }

    @Test
    void aDuplicateCreateIsRefusedInF5Words() {
        core.tmsh("create ltm pool p1");
        assertThat(core.tmshError("create ltm pool p1"))
                .isEqualTo("01020066:3: The requested Pool (/Common/p1) already exists in partition Common.");
    }

    @Test
    void readOnlyPropertiesCannotBeSetByAUser() {
        assertThat(core.tmshError("create ltm virtual v1 destination 10.1.1.1:80 vs-index 7"))
                .contains("vs-index property of Virtual Server (/Common/v1) is read-only");
    }

    @Test
    void badValuesNameThePropertyAndValue() {
        assertThat(core.tmshError("create ltm pool p1 load-balancing-mode fastest"))
                .contains("load-balancing-mode value \"fastest\" must be one of");
        assertThat(core.tmshError("create ltm pool p1 slow-ramp-time many"))
                .contains("slow-ramp-time value \"many\" must be a number");
        assertThat(core.tmshError("create ltm pool p1 colour blue")).contains("\"colour\" unknown property");
        assertThat(core.tmshError("create ltm virtual v1 destination 10.1.1:80"))
                .contains("destination value \"10.1.1:80\" has an invalid address");
        assertThat(core.tmshError("modify sys db ui.advisory.enabled value maybe"))
                .contains("ui.advisory.enabled").contains("maybe");
    }

    @Test
    void collectionOperatorsAddModifyDeleteAndReplace() {
        core.tmsh("create ltm pool p1 members add { 10.0.0.1:80 10.0.0.2:80 }");
        core.tmsh("modify ltm pool p1 members modify { 10.0.0.1:80 { ratio 3 } }");
        core.tmsh("modify ltm pool p1 members delete { 10.0.0.2:80 }");
        core.tmsh("modify ltm pool p1 members add { 10.0.0.3:https }");
        assertThat(core.tmsh("list ltm pool p1 one-line")).isEqualTo("ltm pool p1 { members { 10.0.0.1:http { "
                + "address 10.0.0.1 ratio 3 } 10.0.0.3:https { address 10.0.0.3 } } }\n");
        assertThat(core.tmshError("modify ltm pool p1 members delete { 10.0.0.9:80 }"))
                .isEqualTo("01020036:3: The requested pool member (/Common/p1 /Common/10.0.0.9:80) was not found.");
        core.tmsh("modify ltm pool p1 members replace-all-with { 10.0.0.4:80 }");
        core.tmsh("modify ltm pool p1 { monitor min 1 of { http tcp } }");
        assertThat(core.tmsh("list ltm pool p1 one-line")).isEqualTo("ltm pool p1 { members { 10.0.0.4:http { "
                + "address 10.0.0.4 } } monitor min 1 of { http tcp } }\n");
        core.tmsh("modify ltm pool p1 members none");
        assertThat(core.tmsh("list ltm pool p1")).isEqualTo("ltm pool p1 {\n    monitor min 1 of { http tcp }\n}\n");
    }

    @Test
    void partitionsRouteDomainsAndIpv6AreUnderstood() {
        core.tmsh("create auth partition Dev");
        core.tmsh("create ltm pool /Dev/app members add { 10.0.0.1%2:80 2001:db8::1.443 } monitor /Common/http");
        core.tmsh("cd /Dev");
        assertThat(core.tmsh("list ltm pool app one-line")).isEqualTo("ltm pool app { members { 10.0.0.1%2:http { "
                + "address 10.0.0.1%2 } 2001:db8::1.https { address 2001:db8::1 } } monitor /Common/http }\n");
        assertThat(core.tmshError("create ltm pool /Nowhere/app"))
                .contains("Can't associate Pool (/Nowhere/app) folder does not exist");
        assertThat(core.tmshError("delete auth partition Dev")).contains("not empty");
    }

    @Test
    void aPartitionsRootFolderComesAndGoesWithThePartitionAndKeepsItsOwnDescription() {
        core.tmsh("create auth partition Tenant1 description tenant");
        assertThat(core.tmsh("list sys folder /Tenant1")).startsWith("sys folder /Tenant1 {");
        core.tmsh("modify sys folder /Tenant1 description \"tenant root\"");
        assertThat(core.tmsh("list sys folder /Tenant1")).contains("description \"tenant root\"");
        assertThat(core.tmsh("list auth partition Tenant1")).contains("description tenant\n");
        core.tmsh("cd /");
        assertThat(core.tmsh("list sys folder")).contains("sys folder / {").contains("Common {").contains("Tenant1 {");
        core.tmsh("cd /Common");

        core.tmsh("create ltm pool /Tenant1/p1");
        assertThat(core.tmshError("delete auth partition Tenant1")).contains("not empty").contains("/Tenant1/p1");
        assertThat(core.tmshError("delete sys folder /Tenant1")).contains("not empty").contains("/Tenant1/p1");
        core.tmsh("delete ltm pool /Tenant1/p1");
        core.tmsh("delete auth partition Tenant1");
        assertThat(core.tmshError("list sys folder /Tenant1")).contains("was not found");
    }

    @Test
    void aFolderAtTheRootIsAPartitionAndTheBuiltInFoldersStay() {
        core.tmsh("create sys folder /Tenant2");
        assertThat(core.tmsh("list auth partition Tenant2")).startsWith("auth partition Tenant2");
        core.tmsh("create ltm pool /Tenant2/p2");
        core.tmsh("delete ltm pool /Tenant2/p2");
        core.tmsh("delete sys folder /Tenant2");
        assertThat(core.tmshError("list auth partition Tenant2")).contains("was not found");
        assertThat(core.tmshError("delete sys folder /")).contains("built-in");
        assertThat(core.tmshError("delete sys folder /Common")).contains("built-in");
        assertThat(core.tmshError("delete auth partition Common")).contains("built-in");
    }

    @Test
    void theRunningConfigurationSurvivesARestartAtTheSameGeneration() {
        core.tmsh("create ltm pool web members add { 10.0.0.1:80 { ratio 2 } 10.0.0.2:80 } monitor http");
        core.tmsh("modify sys db ui.advisory.enabled value true");
        String before = core.tmsh("list ltm pool web all-properties") + core.tmsh("list ltm node")
                + core.tmsh("list sys db ui.advisory.enabled");
        long generation = core.generation();
        core.restart();
        assertThat(core.generation()).isEqualTo(generation);
        assertThat(core.tmsh("list ltm pool web all-properties") + core.tmsh("list ltm node")
                + core.tmsh("list sys db ui.advisory.enabled")).isEqualTo(before);
        assertThat(core.appliance().store().log(1, 100)).hasSize((int) generation)
                .first().satisfies(c -> assertThat(c.tmsh()).startsWith("create ltm pool /Common/web {"));
    }
}
