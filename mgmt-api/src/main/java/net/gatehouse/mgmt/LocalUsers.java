package net.gatehouse.mgmt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The appliance's local user accounts, as much of them as the management API needs today: user
 * names with bcrypt password hashes, kept in {@code mgmt/users} in the data directory (one
 * {@code name:hash} per line, readable by the owner only). A fresh appliance has one account,
 * {@code admin} with password {@code admin}, which should be changed; every account is an
 * administrator. Roles, partitions access and changing passwords are not part of this class: the
 * users-and-roles work adds them.
 */
public final class LocalUsers {

    private static final int BCRYPT_COST = 10;
    private static final String DEFAULT_USER = "admin";
    private static final String DEFAULT_PASSWORD = "admin";

    private final Map<String, String> hashes;

    private LocalUsers(Map<String, String> hashes) {
        this.hashes = Map.copyOf(hashes);
    }

    /** Loads the accounts from the data directory; first boot creates {@code admin}/{@code admin}. */
    public static LocalUsers open(Path dataDirectory) {
        Path file = dataDirectory.resolve("mgmt").resolve("users");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                String line = DEFAULT_USER + ":" + hash(DEFAULT_PASSWORD) + "\n";
                try {
                    Files.createFile(file,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                }
                Files.writeString(file, line, StandardCharsets.UTF_8);
            }
            Map<String, String> hashes = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    hashes.put(line.substring(0, colon), line.substring(colon + 1));
                }
            }
            return new LocalUsers(hashes);
        } catch (IOException e) {
            throw new UncheckedIOException("the user accounts in " + file + " cannot be read or written", e);
        }
    }

    /** Whether the user exists and the password is theirs. */
    public boolean authenticate(String user, String password) {
        String hash = hashes.get(user);
        return hash != null && OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    }

    /** Whether {@code admin} still has the factory password {@code admin}. */
    public boolean defaultPasswordInUse() {
        return authenticate(DEFAULT_USER, DEFAULT_PASSWORD);
    }

    private static String hash(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return OpenBSDBCrypt.generate(password.toCharArray(), salt, BCRYPT_COST);
    }
}
