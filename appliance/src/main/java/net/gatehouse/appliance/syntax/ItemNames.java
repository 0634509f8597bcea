package net.gatehouse.appliance.syntax;

import java.util.Optional;
import net.gatehouse.appliance.schema.Addresses;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.InvalidValue;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.NameContext;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.schema.Services;

/** Turns the name of a collection item, as a user writes it, into its canonical full path. */
public final class ItemNames {

    private ItemNames() {
    }

    public static String canonical(ItemNaming naming, String text, NameContext names) throws InvalidValue {
        if (naming instanceof ItemNaming.Ref ref) {
            if (!Paths.isValidName(Paths.name(text))) {
                throw new InvalidValue("is not a valid name");
            }
            return names.resolve(ref.family(), text);
        }
        if (naming instanceof ItemNaming.AddressName) {
            String folder = text.startsWith("/") ? Paths.folder(text) : Paths.COMMON;
            String address = Addresses.canonical(Paths.name(text))
                    .orElseThrow(() -> new InvalidValue("is not a valid IP address"));
            return Paths.join(folder, address);
        }
        if (naming instanceof ItemNaming.Member) {
            return member(text, names);
        }
        return text;
    }

    /** {@code 10.0.0.1:80}, {@code 10.0.0.1:http}, {@code node1:80}, {@code 2001:db8::1.80} → a full path. */
    private static String member(String text, NameContext names) throws InvalidValue {
        String folder = text.startsWith("/") ? Paths.folder(text) : names.folder();
        String local = text.startsWith("/") ? Paths.name(text) : text;
        String[] parts = Addresses.splitAddressPort(local)
                .orElseThrow(() -> new InvalidValue("must be address:port or node:port"));
        int port = Services.port(parts[1])
                .orElseThrow(() -> new InvalidValue("has an invalid port \"" + parts[1] + "\""));
        Optional<String> address = Addresses.canonical(parts[0]);
        if (address.isPresent()) {
            return Paths.join(folder, Addresses.joinAddressPort(address.get(), Integer.toString(port)));
        }
        if (!Paths.isValidName(parts[0])) {
            throw new InvalidValue("names an invalid node");
        }
        String node = names.resolve(Family.NODE, text.startsWith("/") ? Paths.join(folder, parts[0]) : parts[0]);
        return node + ":" + port;
    }
}
