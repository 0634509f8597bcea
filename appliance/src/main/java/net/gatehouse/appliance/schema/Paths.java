package net.gatehouse.appliance.schema;

/** Full paths ({@code /Partition/folder/name}) as BIG-IP writes them. */
public final class Paths {

    public static final String COMMON = "/Common";

    private Paths() {
    }

    public static String join(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    /** {@code /Common/web} → {@code Common}. */
    public static String partition(String fullPath) {
        int end = fullPath.indexOf('/', 1);
        return end < 0 ? fullPath.substring(1) : fullPath.substring(1, end);
    }

    /** {@code /Common/app/web} → {@code web}. */
    public static String name(String fullPath) {
        return fullPath.substring(fullPath.lastIndexOf('/') + 1);
    }

    /** {@code /Common/app/web} → {@code /Common/app}. */
    public static String folder(String fullPath) {
        int last = fullPath.lastIndexOf('/');
        return last <= 0 ? "/" : fullPath.substring(0, last);
    }

    /** The subPath of a path inside an iApp-style folder: {@code /Common/app/web} → {@code app}. */
    public static String subPath(String fullPath) {
        String folder = folder(fullPath);
        String partitionRoot = "/" + partition(fullPath);
        return folder.equals(partitionRoot) ? "" : folder.substring(partitionRoot.length() + 1);
    }

    /** How tmsh shows a full path from inside {@code folder}: relative when it lies there. */
    public static String relativeTo(String folder, String fullPath) {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        if (fullPath.length() > prefix.length() && fullPath.startsWith(prefix)
                && fullPath.indexOf('/', prefix.length()) < 0) {
            return fullPath.substring(prefix.length());
        }
        return fullPath;
    }

    /** The iControl REST form of a full path: {@code /Common/web} → {@code ~Common~web}. */
    public static String tilde(String fullPath) {
        return fullPath.replace('/', '~');
    }

    public static String fromTilde(String restName) {
        return restName.startsWith("~") ? restName.replace('~', '/') : restName;
    }

    /**
     * A name BIG-IP accepts: starts with a letter, digit or underscore; no spaces unless quoted; a
     * {@code *} within a longer name, as in a wildcard certificate's {@code *.example.com}.
     */
    public static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > 255) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '%'
                    || c == ' ' || (c == '*' && name.length() > 1);
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
