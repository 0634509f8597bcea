package net.gatehouse.appliance.command;

import java.util.ArrayList;
import java.util.List;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.Paths;

/** Each snatpool member is a SNAT translation address, created when it does not exist, as on BIG-IP. */
final class SnatpoolRule implements ComponentRule {

    @Override
    public List<ConfigObject> implied(ConfigObject snatpool, Snapshot candidate) {
        List<ConfigObject> translations = new ArrayList<>();
        ComponentType type = candidate.schema().require("ltm snat-translation");
        for (Item member : snatpool.body().get("members").map(v -> ((Value.Items) v).items()).orElse(List.of())) {
            if (candidate.find(Family.SNAT_TRANSLATION, member.name()).isEmpty()) {
                translations.add(new ConfigObject(type, member.name(),
                        Body.texts("address", Paths.name(member.name())), 0));
            }
        }
        return translations;
    }
}
