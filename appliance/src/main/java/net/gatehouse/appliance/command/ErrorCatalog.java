package net.gatehouse.appliance.command;

import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Paths;

/** F5's messages, with their codes, for the errors the command service raises. */
public final class ErrorCatalog {

    private ErrorCatalog() {
    }

    public static ConfigError notFound(String label, String fullPath) {
        return new ConfigError("01020036", "The requested " + label + " (" + fullPath + ") was not found.");
    }

    public static ConfigError alreadyExists(ComponentType type, String fullPath) {
        String partition = type.partitioned() ? Paths.partition(fullPath) : "Common";
        return new ConfigError("01020066", "The requested " + type.label() + " (" + fullPath
                + ") already exists in partition " + partition + ".");
    }

    public static ConfigError inUse(ComponentType type, String fullPath, ComponentType referrerType,
            String referrer) {
        return new ConfigError("01070265", "The " + type.label() + " (" + fullPath
                + ") cannot be deleted because it is in use by a " + referrerType.label() + " (" + referrer + ").");
    }

    public static ConfigError builtIn(ComponentType type, String fullPath) {
        return new ConfigError("01070712", "Cannot delete " + type.label() + " (" + fullPath
                + "); it is a built-in object.");
    }

    public static ConfigError fixedSet(ComponentType type, String name) {
        return new ConfigError("01020036", "The requested " + type.label() + " (" + name + ") was not found.");
    }

    public static ConfigError readOnly(ComponentType type, String fullPath, String property) {
        return ConfigError.general("The " + property + " property of " + type.label() + " (" + fullPath
                + ") is read-only.");
    }

    public static ConfigError required(ComponentType type, String fullPath, String property) {
        return ConfigError.general("The " + property + " property is required to create " + type.label() + " ("
                + fullPath + ").");
    }

    public static ConfigError folderMissing(ComponentType type, String fullPath) {
        return ConfigError.general("Can't associate " + type.label() + " (" + fullPath + ") folder does not exist");
    }

    public static ConfigError invalidName(ComponentType type, String fullPath) {
        return new ConfigError("01070022", "The name (" + fullPath + ") is invalid for " + type.label() + ".");
    }
}
