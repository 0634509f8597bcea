package net.gatehouse.appliance.schema;

import java.util.Optional;

/**
 * What a parser needs to turn the names a user types into canonical full paths: the folder the
 * user is in, and which objects exist (a relative name resolves in the current folder first, then
 * in {@code /Common}, as tmsh does).
 */
public interface NameContext {

    String folder();

    boolean exists(Family family, String fullPath);

    /** The address of a node, for members named {@code node-name:port}. */
    Optional<String> nodeAddress(String nodeFullPath);

    default String resolve(Family family, String name) {
        if (name.startsWith("/")) {
            return name;
        }
        String local = Paths.join(folder(), name);
        if (exists(family, local) || folder().equals(Paths.COMMON)) {
            return local;
        }
        String common = Paths.join(Paths.COMMON, name);
        return exists(family, common) ? common : local;
    }
}
