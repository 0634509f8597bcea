package net.gatehouse.appliance.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Shape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passwords and passphrases (properties with the {@code SECRET} trait) as BIG-IP keeps them:
 * encrypted under the device master key and written {@code $M$<base64>} in the store, in bigip.conf
 * and in {@code list}. This is the one place such values are made ({@link #sealed}, at every
 * commit), checked, re-encrypted after a master key change ({@link #resealed}) and read back in
 * clear by the features that use them ({@link #clear}).
 */
public final class Secrets {

    private static final Logger LOG = LoggerFactory.getLogger(Secrets.class);

    /** How an encrypted value starts, as on BIG-IP. */
    public static final String PREFIX = "$M$";
    private static final String NONE = "none";

    /** Encrypts and decrypts under one master key (authenticated, a fresh IV for every value). */
    public interface Vault {
        byte[] seal(byte[] clear) throws GeneralSecurityException;

        byte[] open(byte[] sealed) throws GeneralSecurityException;
    }

    private final Supplier<Vault> current;

    /** @param current the vault of the device's master key as it is now (it changes with the key) */
    public Secrets(Supplier<Vault> current) {
        this.current = current;
    }

    /** Whether a stored value is in the encrypted form. */
    public static boolean isSealed(String value) {
        return value.startsWith(PREFIX);
    }

    /**
     * The clear text of a stored secret, for the feature that uses it (cookie encryption, a monitor's
     * credentials); empty when it does not decrypt under this appliance's master key, which is logged.
     */
    public Optional<String> clear(String stored) {
        if (!isSealed(stored)) {
            return Optional.of(stored);
        }
        try {
            return Optional.of(open(current.get(), stored));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            LOG.error("A stored secret does not decrypt under the device master key ({}); it is not used",
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The object with every secret given in clear encrypted, and every secret given encrypted checked
     * to decrypt under the master key; a value that does not is refused, naming object and property.
     */
    public ConfigObject sealed(ConfigObject object) throws ConfigError {
        Vault vault = current.get();
        return transform(object, (where, value) -> {
            if (!isSealed(value)) {
                return seal(vault, value);
            }
            try {
                open(vault, value);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw undecryptable(object, where);
            }
            return value;
        });
    }

    /**
     * The object with every secret decrypted under {@code previous} (the master key being replaced)
     * and encrypted again under the current one; a secret still in clear is encrypted.
     */
    public ConfigObject resealed(ConfigObject object, Vault previous) throws ConfigError {
        Vault vault = current.get();
        return transform(object, (where, value) -> {
            if (!isSealed(value)) {
                return seal(vault, value);
            }
            try {
                return seal(vault, open(previous, value));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw undecryptable(object, where);
            }
        });
    }

    private static ConfigError undecryptable(ConfigObject object, String where) {
        return ConfigError.general("The " + where + " of " + object.type().label().toLowerCase() + " ("
                + object.fullPath() + ") does not decrypt under this appliance's master key: it was encrypted ("
                + PREFIX + "...) by a device with another master key, or is damaged. Set it again in clear.");
    }

    private static String seal(Vault vault, String clear) throws ConfigError {
        try {
            return PREFIX + Base64.getEncoder().encodeToString(vault.seal(clear.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a secret cannot be encrypted under the master key: " + e.getMessage(), e);
        }
    }

    private static String open(Vault vault, String sealed) throws GeneralSecurityException {
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        return new String(vault.open(bytes), StandardCharsets.UTF_8);
    }

    /** What happens to one secret value; {@code where} names its property (inside an item: the item too). */
    @FunctionalInterface
    private interface Step {
        String apply(String where, String value) throws ConfigError;
    }

    private static ConfigObject transform(ConfigObject object, Step step) throws ConfigError {
        Body body = walk(object.type().properties(), object.body(), "", step);
        return body == object.body() ? object : object.withBody(body);
    }

    /** The body with {@code step} applied to every secret in it, nested blocks and items included; the same body when none changed. */
    private static Body walk(List<Property> properties, Body body, String prefix, Step step) throws ConfigError {
        Body out = body;
        for (Property property : properties) {
            Optional<Value> value = body.get(property.name());
            if (value.isEmpty()) {
                continue;
            }
            Shape shape = property.shape();
            if (shape instanceof Shape.Scalar && property.has(Property.Trait.SECRET)
                    && value.get() instanceof Value.Text text && !text.text().equals(NONE)) {
                String next = step.apply(prefix + property.name(), text.text());
                if (!next.equals(text.text())) {
                    out = out.with(property.name(), new Value.Text(next));
                }
            } else if (shape instanceof Shape.Block block && value.get() instanceof Value.Block inner) {
                Body next = walk(block.properties(), inner.body(), prefix + property.name() + " ", step);
                if (next != inner.body()) {
                    out = out.with(property.name(), new Value.Block(next));
                }
            } else if (shape instanceof Shape.Collection collection && value.get() instanceof Value.Items items) {
                List<Item> next = new ArrayList<>();
                boolean changed = false;
                for (Item item : items.items()) {
                    Body itemBody = walk(collection.itemProperties(), item.body(),
                            prefix + property.name() + " " + item.name() + " ", step);
                    changed |= itemBody != item.body();
                    next.add(itemBody == item.body() ? item : new Item(item.name(), itemBody));
                }
                if (changed) {
                    out = out.with(property.name(), new Value.Items(next));
                }
            }
        }
        return out;
    }
}
