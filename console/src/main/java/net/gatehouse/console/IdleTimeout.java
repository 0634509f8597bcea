package net.gatehouse.console;

import java.time.Duration;
import java.util.function.Supplier;
import net.gatehouse.appliance.config.Snapshot;

/**
 * The shell's idle limit: {@code sys global-settings console-inactivity-timeout} seconds without a
 * command end the session (0, the default, never does). Read at each check, so a change applies
 * to sessions already open.
 */
final class IdleTimeout {

    private final Supplier<Snapshot> snapshot;

    IdleTimeout(Supplier<Snapshot> snapshot) {
        this.snapshot = snapshot;
    }

    /** The current limit; zero means none. */
    Duration limit() {
        Snapshot config = snapshot.get();
        return config.schema().type("sys global-settings")
                .flatMap(type -> config.get(type, type.singletonName())
                        .flatMap(settings -> settings.body().text("console-inactivity-timeout"))
                        .or(() -> type.property("console-inactivity-timeout").flatMap(p -> p.defaultValue())))
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)))
                .orElse(Duration.ZERO);
    }

    static boolean expired(Duration limit, long lastActivityNanos, long nowNanos) {
        return !limit.isZero() && nowNanos - lastActivityNanos >= limit.toNanos();
    }
}
