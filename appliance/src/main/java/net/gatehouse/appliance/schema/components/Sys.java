package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.Props.choice;
import static net.gatehouse.appliance.schema.Props.collection;
import static net.gatehouse.appliance.schema.Props.enabled;
import static net.gatehouse.appliance.schema.Props.number;
import static net.gatehouse.appliance.schema.Props.text;
import static net.gatehouse.appliance.schema.Props.words;

import java.util.List;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Property.Trait;

/**
 * Appliance-wide settings that exist once and are written without a name:
 * {@code sys global-settings}, {@code sys dns} and {@code sys ntp} (in {@code bigip_base.conf}).
 */
public final class Sys {

    private Sys() {
    }

    public static List<ComponentType> all() {
        return List.of(globalSettings(), dns(), ntp());
    }

    private static Property inert(Property property) {
        return property.with(Trait.INERT);
    }

    /** The fresh-box hostname is {@code bigip1}; bigip_base.conf always writes it. */
    public static ComponentType globalSettings() {
        return ComponentType.builder("sys global-settings", Family.SETTINGS, "Global Settings")
                .with(inert(text("aws-access-key", "none")).with(Trait.SECRET),
                        number("console-inactivity-timeout", 0),
                        inert(text("custom-addr", "none")),
                        text("description", "none"),
                        inert(choice("failsafe-action", "go-offline-restart-tm", "go-offline-restart-tm",
                                "failover-restart-tm", "reboot", "restart-all", "go-offline", "failover")),
                        inert(text("file-whitelist-path-prefix",
                                "{/var/local/scf} {/tmp/} {/shared/} {/config/} {/usr/share/aws/}")),
                        inert(enabled("gui-security-banner", "enabled")),
                        inert(text("gui-security-banner-text",
                                "Welcome to the BIG-IP Configuration Utility.\n\nLog in with your username and password"
                                        + " using the fields on the left.")),
                        inert(enabled("gui-setup", "enabled")),
                        inert(choice("host-addr-mode", "management", "management", "state-mirror", "custom")),
                        text("hostname", "bigip1").with(Trait.ALWAYS_LISTED),
                        inert(enabled("lcd-display", "enabled")),
                        inert(choice("mgmt-dhcp", "enabled", "enabled", "disabled", "dhcpv4", "dhcpv6")),
                        inert(enabled("net-reboot", "disabled")),
                        inert(text("password-prompt", "Password")),
                        inert(enabled("quiet-boot", "enabled")),
                        inert(text("username-prompt", "Username")))
                .singleton(Body.EMPTY)
                .build();
    }

    /** Resolvers the appliance uses, and the domains it searches. */
    public static ComponentType dns() {
        return ComponentType.builder("sys dns", Family.SETTINGS, "DNS")
                .with(text("description", "none"),
                        inert(text("include", "none")),
                        words("name-servers"),
                        inert(number("number-of-dots", 0, 15, 1)),
                        words("search"))
                .singleton(Body.EMPTY)
                .build();
    }

    /** Time servers and the time zone. */
    public static ComponentType ntp() {
        return ComponentType.builder("sys ntp", Family.SETTINGS, "NTP")
                .with(text("description", "none"),
                        inert(text("include", "none")),
                        inert(collection("restrict", new ItemNaming.Plain(), true, false,
                                text("address", "none"),
                                text("mask", "none"),
                                text("options", "none"))),
                        words("servers"),
                        text("timezone", "America/Los_Angeles"))
                .singleton(Body.EMPTY)
                .build();
    }
}
