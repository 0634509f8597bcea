package net.gatehouse.appliance.schema;

import java.util.ArrayList;
import java.util.List;
import net.gatehouse.appliance.schema.components.Auth;
import net.gatehouse.appliance.schema.components.Cm;
import net.gatehouse.appliance.schema.components.LtmCore;
import net.gatehouse.appliance.schema.components.LtmDefaultNodeMonitor;
import net.gatehouse.appliance.schema.components.LtmMonitors;
import net.gatehouse.appliance.schema.components.LtmPersistence;
import net.gatehouse.appliance.schema.components.LtmPolicy;
import net.gatehouse.appliance.schema.components.LtmProfiles;
import net.gatehouse.appliance.schema.components.LtmSsl;
import net.gatehouse.appliance.schema.components.LtmTraffic;
import net.gatehouse.appliance.schema.components.Net;
import net.gatehouse.appliance.schema.components.NetTimerPolicy;
import net.gatehouse.appliance.schema.components.Sys;
import net.gatehouse.appliance.schema.components.SysCore;
import net.gatehouse.appliance.schema.components.SysServices;

/** Assembles the standard schema from the component descriptions, one class per area. */
final class StandardSchema {

    static final Schema INSTANCE = build();

    private StandardSchema() {
    }

    private static Schema build() {
        List<ComponentType> types = new ArrayList<>();
        types.addAll(SysCore.all());
        types.addAll(Sys.all());
        types.addAll(SysServices.all());
        types.addAll(Auth.all());
        types.addAll(Cm.all());
        types.addAll(Net.all());
        types.addAll(NetTimerPolicy.all());
        types.addAll(LtmSsl.all());
        types.addAll(LtmPolicy.all());
        types.addAll(LtmCore.all());
        types.addAll(LtmMonitors.all());
        types.addAll(LtmDefaultNodeMonitor.all());
        types.addAll(LtmProfiles.all());
        types.addAll(LtmPersistence.all());
        types.addAll(LtmTraffic.all());
        return Schema.of(types);
    }
}
