package net.gatehouse.appliance.auth;

import java.util.Arrays;
import java.util.Optional;
import net.gatehouse.appliance.schema.ComponentType;

/**
 * BIG-IP's user roles, as tmsh names them, with what each may change (F5, "User roles"):
 * <ul>
 * <li>{@code admin}: everything;</li>
 * <li>{@code resource-admin}: everything but other users' accounts;</li>
 * <li>{@code user-manager}: user accounts in its partitions (never granting admin or resource-admin);</li>
 * <li>{@code manager}: the traffic objects ({@code ltm ...}) of its partitions, not users or system objects;</li>
 * <li>{@code application-editor}: modifies existing nodes, pools, pool members and monitors;</li>
 * <li>{@code operator}: only enables and disables nodes and pool members;</li>
 * <li>{@code certificate-manager}: certificates and keys;</li>
 * <li>{@code irule-manager}: iRules and data groups (not their use by virtual servers);</li>
 * <li>{@code auditor}, {@code guest} and the roles of modules this appliance does not have: read only;</li>
 * <li>{@code no-access}: nothing, not even logging in.</li>
 * </ul>
 * Every role but {@code no-access} may change its own password.
 */
public enum Role {
    ADMIN("admin"),
    RESOURCE_ADMIN("resource-admin"),
    USER_MANAGER("user-manager"),
    AUDITOR("auditor"),
    MANAGER("manager"),
    APPLICATION_EDITOR("application-editor"),
    OPERATOR("operator"),
    CERTIFICATE_MANAGER("certificate-manager"),
    IRULE_MANAGER("irule-manager"),
    GUEST("guest"),
    WEB_APPLICATION_SECURITY_ADMINISTRATOR("web-application-security-administrator"),
    WEB_APPLICATION_SECURITY_EDITOR("web-application-security-editor"),
    ACCELERATION_POLICY_EDITOR("acceleration-policy-editor"),
    FRAUD_PROTECTION_MANAGER("fraud-protection-manager"),
    FIREWALL_MANAGER("firewall-manager"),
    NO_ACCESS("no-access");

    /** What a change does to one object. */
    public enum Verb {
        CREATE, MODIFY, DELETE;

        public String word() {
            return name().toLowerCase();
        }
    }

    private final String tmshName;

    Role(String tmshName) {
        this.tmshName = tmshName;
    }

    public String tmshName() {
        return tmshName;
    }

    public static Optional<Role> named(String tmshName) {
        return Arrays.stream(values()).filter(r -> r.tmshName.equals(tmshName)).findFirst();
    }

    /** Whether the role sees objects at all (every role but no-access). */
    public boolean reads() {
        return this != NO_ACCESS;
    }

    /** Whether the role may read the audit log ({@code show sys log audit}). */
    public boolean readsLogs() {
        return this == ADMIN || this == RESOURCE_ADMIN || this == AUDITOR;
    }

    /** Whether the role sees every user account (others see only their own). */
    public boolean readsUsers() {
        return this == ADMIN || this == USER_MANAGER || this == AUDITOR;
    }

    /**
     * Whether the role may {@code verb} an object of {@code type} at all; finer limits (operator's
     * enable/disable only, user-manager's scope) are checked on the change itself.
     */
    public boolean mayWrite(ComponentType type, Verb verb) {
        String path = type.path();
        return switch (this) {
            case ADMIN -> true;
            case RESOURCE_ADMIN -> !isUserAccount(type);
            case USER_MANAGER -> isUserAccount(type);
            case MANAGER -> type.partitioned() && path.startsWith("ltm ");
            case APPLICATION_EDITOR -> verb == Verb.MODIFY
                    && (path.equals("ltm node") || path.equals("ltm pool") || path.startsWith("ltm monitor "));
            case OPERATOR -> verb == Verb.MODIFY && (path.equals("ltm node") || path.equals("ltm pool"));
            case CERTIFICATE_MANAGER -> path.startsWith("sys file ssl-") || path.startsWith("sys crypto ");
            case IRULE_MANAGER -> path.equals("ltm rule") || path.startsWith("ltm data-group ");
            default -> false;
        };
    }

    static boolean isUserAccount(ComponentType type) {
        return type.path().equals("auth user");
    }
}
