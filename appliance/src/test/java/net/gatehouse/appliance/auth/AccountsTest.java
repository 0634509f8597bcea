package net.gatehouse.appliance.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.tmsh.TmshError;
import net.gatehouse.appliance.tmsh.TmshSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts in the shell: lockout and its reset, the password policy, own passwords, the audit log. */
class AccountsTest {

    @TempDir
    Path dir;

    @Test
    void repeatedFailuresLockTheAccountUntilReset() {
        try (CoreFixture core = CoreFixture.open(dir)) {
            core.tmsh("modify auth password-policy max-login-failures 3");
            core.tmsh("create auth user bob password Bobs-pass1 partition-access add { all-partitions { role guest } }");
            UserAccounts users = core.appliance().users();

            for (int i = 0; i < 3; i++) {
                assertThat(users.authenticate("bob", "wrong")).isFalse();
            }

            assertThat(users.authenticate("bob", "Bobs-pass1")).as("locked out, even with the right password").isFalse();
            assertThat(users.active("bob")).isFalse();
            assertThat(core.tmsh("show auth login-failures")).containsPattern("bob +3 +yes");

            core.tmsh("reset-stats auth login-failures bob");

            assertThat(core.tmsh("show auth login-failures")).doesNotContain("bob");
            assertThat(users.authenticate("bob", "Bobs-pass1")).isTrue();
        }
    }

    @Test
    void onlyAdministratorsResetLoginFailures() throws Exception {
        try (CoreFixture core = CoreFixture.open(dir)) {
            core.tmsh("create auth user bob password Bobs-pass1 partition-access add { all-partitions { role operator } }");
            TmshSession bob = core.appliance().tmsh(new Principal("bob", Principal.Origin.TMSH));

            assertThat(error(bob, "reset-stats auth login-failures")).startsWith("01070822:3: Access Denied: user (bob)");
        }
    }

    @Test
    void withoutALockoutPolicyFailuresAreCountedButNeverLock() {
        try (CoreFixture core = CoreFixture.open(dir)) {
            UserAccounts users = core.appliance().users();
            for (int i = 0; i < 5; i++) {
                users.authenticate("admin", "wrong");
            }

            assertThat(users.authenticate("admin", "admin")).isTrue();
        }
    }

    @Test
    void anEnforcedPolicyRefusesAWeakPasswordWithoutShowingIt() {
        try (CoreFixture core = CoreFixture.open(dir)) {
            core.tmsh("modify auth password-policy policy-enforcement enabled minimum-length 8 required-numeric 1");

            String error = core.tmshError("create auth user bob password short partition-access add { Common { role guest } }");

            assertThat(error).isEqualTo("010719e7:3: Bad password (bob): BAD PASSWORD: it is shorter than 8 characters");
            assertThat(core.tmshError("create auth user bob password longenough")).endsWith("it needs at least 1 digit(s)");
            core.tmsh("create auth user bob password longenough1");
        }
    }

    @Test
    void everyUserMayChangeTheirOwnPasswordButNothingElseOfTheirAccount() throws Exception {
        try (CoreFixture core = CoreFixture.open(dir)) {
            core.tmsh("create auth user bob password Bobs-pass1 partition-access add { all-partitions { role guest } }");
            TmshSession bob = core.appliance().tmsh(new Principal("bob", Principal.Origin.TMSH));

            bob.execute("modify auth user bob password Bobs-pass2");

            assertThat(core.appliance().users().authenticate("bob", "Bobs-pass2")).isTrue();
            assertThat(error(bob, "modify auth user bob partition-access replace-all-with { all-partitions { role admin } }"))
                    .isEqualTo("01070822:3: Access Denied: user (bob) does not have modify access to object (user)");
            assertThat(error(bob, "modify auth user admin password mine")).startsWith("01070822:3: Access Denied");
        }
    }

    @Test
    void aUserManagerManagesOnlyUsersOfItsPartitionsAndNeverGrantsAdmin() throws Exception {
        try (CoreFixture core = CoreFixture.open(dir)) {
            core.tmsh("create auth partition Dev");
            core.tmsh("create auth user um password Um-pass12 partition-access add { Dev { role user-manager } }");
            TmshSession um = core.appliance().tmsh(new Principal("um", Principal.Origin.TMSH));

            um.execute("create auth user dev1 password Dev1-pass partition-access add { Dev { role operator } }");

            assertThat(error(um, "create auth user dev2 password Dev2-pass partition-access add { Common { role guest } }"))
                    .startsWith("01070822:3: Access Denied: user (um) does not have create access");
            assertThat(error(um, "modify auth user dev1 partition-access replace-all-with { Dev { role admin } }"))
                    .startsWith("01070822:3: Access Denied");
            core.tmsh("create auth user ops password Ops-pass1 partition-access add { all-partitions { role guest } }");
            assertThat(error(um, "delete auth user ops")).startsWith("01070822:3: Access Denied: user (um) does not have delete");
        }
    }

    @Test
    void theAuditLogShowsChangesAndRefusalsInTmshWordsWithoutPasswords() throws Exception {
        try (CoreFixture core = CoreFixture.open(dir)) {
            core.tmsh("create ltm pool web");
            core.tmsh("create auth user bob password Bobs-pass1 partition-access add { all-partitions { role guest } }");
            TmshSession bob = core.appliance().tmsh(new Principal("bob", Principal.Origin.TMSH));
            error(bob, "delete ltm pool web");

            String audit = core.tmsh("show sys log audit");

            assertThat(audit).containsPattern("(?m)^Nov 29 08:00:00 bigip1 notice tmsh\\[\\d+\\]: 01420002:5: AUDIT - pid=\\d+"
                    + " user=admin folder=/Common module=\\(tmos\\)# status=\\[Command OK\\] cmd_data=create ltm pool /Common/web \\{ \\}$");
            assertThat(audit).containsPattern("user=bob folder=/Common module=\\(tmos\\)# status=\\[01070822:3: Access Denied:"
                    + " user \\(bob\\) does not have delete access to object \\(pool\\)\\] cmd_data=delete ltm pool /Common/web");
            assertThat(audit).contains("cmd_data=create auth user bob { encrypted-password ******** ");
            assertThat(audit).doesNotContain("Bobs-pass1").doesNotContain("$6$");
            assertThat(core.tmsh("show sys log audit lines 1").lines()).hasSize(1);
            assertThat(error(bob, "show sys log audit")).startsWith("01070822:3: Access Denied: user (bob)");
        }
    }

    @Test
    void listingsNeverShowPasswordsAndOnlyAdministratorsSeeHashes() throws Exception {
        try (CoreFixture core = CoreFixture.open(dir)) {
            core.tmsh("create auth user bob password Bobs-pass1 partition-access add { all-partitions { role auditor } }");
            TmshSession bob = core.appliance().tmsh(new Principal("bob", Principal.Origin.TMSH));

            assertThat(core.tmsh("list auth user bob all-properties")).contains("encrypted-password $6$").doesNotContain("Bobs-pass1");
            assertThat(bob.execute("list auth user")).contains("auth user admin").contains("auth user bob")
                    .doesNotContain("encrypted-password").doesNotContain("Bobs-pass1");
        }
    }

    private static String error(TmshSession session, String line) {
        try {
            throw new AssertionError("accepted: " + line + " -> " + session.execute(line));
        } catch (TmshError e) {
            return e.getMessage();
        }
    }
}
