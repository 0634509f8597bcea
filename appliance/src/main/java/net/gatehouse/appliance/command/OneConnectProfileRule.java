package net.gatehouse.appliance.command;

import java.util.Optional;
import java.util.regex.Pattern;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.schema.Props;

/**
 * A one-connect profile's {@code idle-timeout-override} is {@code disabled}, {@code indefinite} or a
 * number of seconds from 0 to 4294967295. It is stored as text because iControl REST writes it as a
 * string ({@code "disabled"}, {@code "300"}), so the check is here, at commit, for every interface.
 */
final class OneConnectProfileRule implements ComponentRule {

    private static final String IDLE_TIMEOUT_OVERRIDE = "idle-timeout-override";

    private static final Pattern SECONDS = Pattern.compile("\\d{1,10}");

    @Override
    public void validate(ConfigObject profile, Snapshot candidate) throws ConfigError {
        Optional<String> override = profile.body().text(IDLE_TIMEOUT_OVERRIDE);
        if (override.isPresent() && !valid(override.get())) {
            throw ConfigError.general("Invalid " + IDLE_TIMEOUT_OVERRIDE + " value (" + override.get()
                    + ") for one-connect profile (" + profile.fullPath() + "); it must be disabled, indefinite"
                    + " or a number of seconds from 0 to " + Props.U32 + ".");
        }
    }

    private static boolean valid(String value) {
        return value.equals("disabled") || value.equals("indefinite")
                || SECONDS.matcher(value).matches() && Long.parseLong(value) <= Props.U32;
    }
}
