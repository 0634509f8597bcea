package net.gatehouse.appliance.command;

/** Who asks for a command, and through which interface; every command carries one. */
public record Principal(String user, Origin origin) {

    /** The interfaces a command can arrive through, as the audit log names them. */
    public enum Origin {
        TMSH, REST, CONFIG_LOAD, BOOT, HA
    }

    /** The appliance itself, loading its own configuration at boot. */
    public static Principal system() {
        return new Principal("system", Origin.BOOT);
    }
}
