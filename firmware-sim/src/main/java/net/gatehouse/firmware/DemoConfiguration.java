package net.gatehouse.firmware;

import java.util.List;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.tmsh.TmshError;
import net.gatehouse.appliance.tmsh.TmshSession;

/**
 * The demo configuration, seeded at first boot: a pool of the two demo backends
 * ({@link DemoBackends}) behind one fastL4 virtual server on 127.0.0.10:8080.
 */
final class DemoConfiguration {

    static final List<String> TMSH = List.of(
            "create ltm pool demo_pool members add { 127.0.0.1:8081 127.0.0.1:8082 } monitor http",
            "create ltm virtual demo_vs destination 127.0.0.10:8080 pool demo_pool profiles add { fastL4 }");

    private DemoConfiguration() {
    }

    /**
     * Seeds the demo configuration if the store is empty (generation 0); a store that has ever been
     * changed is left as it is.
     *
     * @return whether it was seeded
     */
    static boolean seedIfEmpty(Appliance appliance) throws TmshError {
        if (appliance.snapshot().generation() != 0) {
            return false;
        }
        TmshSession session = appliance.tmsh(new Principal("system", Principal.Origin.BOOT));
        for (String line : TMSH) {
            session.execute(line);
        }
        return true;
    }
}
