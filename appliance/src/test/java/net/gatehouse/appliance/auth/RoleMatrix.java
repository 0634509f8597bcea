package net.gatehouse.appliance.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import net.gatehouse.appliance.CoreFixture;

/**
 * The role × operation matrix, shared by the shell and the REST tests. Each role's user holds it in
 * partition {@code Dev} (admin, resource-admin and auditor, which BIG-IP grants only on all
 * partitions, hold it there); {@code Ops} is another partition; system objects are
 * {@code sys global-settings} and {@code auth partition}.
 *
 * <p>An outcome string has three groups: in {@code Dev} and in {@code Ops} the letters
 * {@code r c m d e} (read, create, modify, delete a pool; enable/disable a node), then on system objects
 * {@code r m c d} (read and modify global settings, create and delete a partition); {@code -} marks a
 * refusal.
 */
public final class RoleMatrix {

    public static final String PASSWORD = "Passw0rd!";

    /** What each role may do, from F5's description of the roles. */
    public static final Map<String, String> EXPECTED = expected();

    private RoleMatrix() {
    }

    private static Map<String, String> expected() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("admin", "rcmde rcmde rmcd");
        expected.put("resource-admin", "rcmde rcmde rmcd");
        expected.put("auditor", "r---- r---- r---");
        expected.put("manager", "rcmde ----- r---");
        expected.put("application-editor", "r-m-e ----- r---");
        expected.put("operator", "r---e ----- r---");
        expected.put("certificate-manager", "r---- ----- r---");
        expected.put("irule-manager", "r---- ----- r---");
        expected.put("user-manager", "r---- ----- r---");
        expected.put("guest", "r---- ----- r---");
        expected.put("no-access", "----- ----- ----");
        return expected;
    }

    /** The user name for a role's row. */
    public static String user(String role) {
        return "u_" + role.replace('-', '_');
    }

    private static boolean global(String role) {
        return role.equals("admin") || role.equals("resource-admin") || role.equals("auditor");
    }

    /** Creates the partitions, the objects each row acts on, and one user per role. */
    public static void seed(CoreFixture core) {
        core.tmsh("create auth partition Dev");
        core.tmsh("create auth partition Ops");
        for (String partition : new String[] {"Dev", "Ops"}) {
            core.tmsh("create ltm pool /" + partition + "/web members add { /" + partition + "/10.0.0.1:80 }");
        }
        for (String role : EXPECTED.keySet()) {
            String user = user(role);
            for (String partition : new String[] {"Dev", "Ops"}) {
                core.tmsh("create ltm pool /" + partition + "/victim_" + user);
            }
            core.tmsh("create auth partition Spare_" + user);
            core.tmsh("create auth user " + user + " password " + PASSWORD + " partition-access add { "
                    + (global(role) ? "all-partitions" : "Dev") + " { role " + role + " } }");
        }
    }

    /** One operation of the matrix, in words both interfaces can carry out. */
    public enum Operation {
        READ, CREATE, MODIFY, DELETE, ENABLE, SYSTEM_READ, SYSTEM_MODIFY, SYSTEM_CREATE, SYSTEM_DELETE
    }

    /** Runs every operation for one role through {@code interfaceDoes} and spells the outcome. */
    public static String outcome(String role, Attempt interfaceDoes) {
        StringBuilder out = new StringBuilder();
        String user = user(role);
        for (String partition : new String[] {"Dev", "Ops"}) {
            out.append(mark(interfaceDoes, user, Operation.READ, partition, 'r'))
                    .append(mark(interfaceDoes, user, Operation.CREATE, partition, 'c'))
                    .append(mark(interfaceDoes, user, Operation.MODIFY, partition, 'm'))
                    .append(mark(interfaceDoes, user, Operation.DELETE, partition, 'd'))
                    .append(mark(interfaceDoes, user, Operation.ENABLE, partition, 'e'))
                    .append(' ');
        }
        out.append(mark(interfaceDoes, user, Operation.SYSTEM_READ, "", 'r'))
                .append(mark(interfaceDoes, user, Operation.SYSTEM_MODIFY, "", 'm'))
                .append(mark(interfaceDoes, user, Operation.SYSTEM_CREATE, "", 'c'))
                .append(mark(interfaceDoes, user, Operation.SYSTEM_DELETE, "", 'd'));
        return out.toString();
    }

    private static char mark(Attempt attempt, String user, Operation operation, String partition, char letter) {
        return attempt.allowed(user, operation, partition) ? letter : '-';
    }

    /** Carries out one operation as a user; true when it was allowed. */
    @FunctionalInterface
    public interface Attempt {
        boolean allowed(String user, Operation operation, String partition);
    }

    /** A predicate helper for interfaces whose refusals must all be access refusals. */
    public static Predicate<String> refusedForAccess() {
        return message -> message.contains("Access Denied") || message.contains("was not found");
    }
}
