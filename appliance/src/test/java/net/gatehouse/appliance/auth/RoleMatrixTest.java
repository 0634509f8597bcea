package net.gatehouse.appliance.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.auth.RoleMatrix.Operation;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.tmsh.TmshError;
import net.gatehouse.appliance.tmsh.TmshSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every role against create, modify, delete and read, in its partition, another one and on system objects, in tmsh. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest {

    private CoreFixture core;

    @BeforeAll
    void seed(@TempDir Path dir) {
        core = CoreFixture.open(dir);
        RoleMatrix.seed(core);
    }

    @AfterAll
    void close() {
        core.close();
    }

    Iterable<String> roles() {
        return RoleMatrix.EXPECTED.keySet();
    }

    @ParameterizedTest
    @MethodSource("roles")
    void eachRoleMayDoInTheShellWhatBigIpAllowsIt(String role) {
        assertThat(RoleMatrix.outcome(role, this::attempt)).as(role).isEqualTo(RoleMatrix.EXPECTED.get(role));
    }

    private boolean attempt(String user, Operation operation, String partition) {
        TmshSession shell = core.appliance().tmsh(new Principal(user, Principal.Origin.TMSH));
        String line = switch (operation) {
            case READ -> "list ltm pool /" + partition + "/web";
            case CREATE -> "create ltm pool /" + partition + "/new_" + user;
            case MODIFY -> "modify ltm pool /" + partition + "/web description " + user;
            case DELETE -> "delete ltm pool /" + partition + "/victim_" + user;
            case ENABLE -> "modify ltm node /" + partition + "/10.0.0.1 session user-disabled";
            case SYSTEM_READ -> "list sys global-settings";
            case SYSTEM_MODIFY -> "modify sys global-settings description " + user;
            case SYSTEM_CREATE -> "create auth partition New_" + user;
            case SYSTEM_DELETE -> "delete auth partition Spare_" + user;
        };
        try {
            String output = shell.execute(line);
            return operation != Operation.READ && operation != Operation.SYSTEM_READ || !output.isBlank();
        } catch (TmshError e) {
            assertThat(e.getMessage()).as(line).matches(RoleMatrix.refusedForAccess());
            return false;
        }
    }
}
