package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.Props.choice;
import static net.gatehouse.appliance.schema.Props.collection;
import static net.gatehouse.appliance.schema.Props.number;
import static net.gatehouse.appliance.schema.Props.text;
import static net.gatehouse.appliance.schema.Props.trueFalse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.Property.Trait;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * Local users ({@code auth user}), saved to {@code bigip_user.conf}. A password given in tmsh or REST
 * is stored only as {@code encrypted-password}, a sha512-crypt hash ({@code $6$salt$hash}) as BIG-IP
 * writes it; {@code partition-access} gives the user a role in all partitions or in named ones.
 */
public final class Auth {

    /** BIG-IP's roles, as tmsh names them. */
    public static final String[] ROLES = {"admin", "resource-admin", "user-manager", "auditor", "manager",
        "application-editor", "operator", "certificate-manager", "irule-manager", "guest",
        "web-application-security-administrator", "web-application-security-editor", "acceleration-policy-editor",
        "fraud-protection-manager", "firewall-manager", "no-access"};

    /** sha512-crypt of BIG-IP's factory password {@code admin}, with a fixed salt. */
    public static final String FACTORY_ADMIN_HASH =
            Sha2Crypt.sha512Crypt("admin".getBytes(StandardCharsets.UTF_8), "$6$gatehouse");

    private Auth() {
    }

    public static List<ComponentType> all() {
        return List.of(user(), passwordPolicy());
    }

    /**
     * {@code auth password-policy}: what a new password must hold (checked when
     * {@code policy-enforcement} is enabled, except {@code minimum-length}, which BIG-IP always
     * checks) and after how many failed logins an account is locked ({@code max-login-failures}, 0 for
     * never), for how long ({@code lockout-duration} seconds, 0 until an administrator resets it).
     */
    public static ComponentType passwordPolicy() {
        return ComponentType.builder("auth password-policy", Family.SETTINGS, "Password Policy")
                .with(number("expiration-warning", 1, 255, 7).with(Trait.INERT),
                        number("lockout-duration", 0, Integer.MAX_VALUE, 0),
                        trueFalse("manual-unlock-disabled", "false").with(Trait.INERT),
                        number("max-duration", 1, 99999, 99999).with(Trait.INERT),
                        number("max-login-failures", 0, 65535, 0),
                        number("min-duration", 0, 255, 0).with(Trait.INERT),
                        number("minimum-length", 6, 255, 6),
                        number("password-memory", 0, 127, 0).with(Trait.INERT),
                        choice("policy-enforcement", "disabled", "enabled", "disabled"),
                        number("required-lowercase", 0, 127, 0),
                        number("required-numeric", 0, 127, 0),
                        number("required-special", 0, 127, 0),
                        number("required-uppercase", 0, 127, 0))
                .singleton(Body.EMPTY)
                .build();
    }

    public static ComponentType user() {
        return ComponentType.builder("auth user", Family.USER, "User")
                .unpartitioned()
                .with(text("description", "none"),
                        text("encrypted-password", "none"),
                        collection("partition-access", new ItemNaming.Plain(), true, false,
                                choice("role", "no-access", ROLES)).with(Trait.REST_PARTITION_LINKS),
                        // Never stored: the command service turns it into encrypted-password.
                        text("password", "none").with(Trait.SECRET),
                        text("prompt-for-password", "none").with(Trait.INERT, Trait.SECRET),
                        number("session-limit", -1, Integer.MAX_VALUE, -1).with(Trait.INERT),
                        choice("shell", "none", "none", "tmsh", "bash"))
                .builtin("admin", Body.texts("description", "Admin User", "encrypted-password", FACTORY_ADMIN_HASH,
                                "shell", "tmsh")
                        .with("partition-access", new Value.Items(List.of(
                                new Item("all-partitions", Body.texts("role", "admin"))))))
                .build();
    }
}
