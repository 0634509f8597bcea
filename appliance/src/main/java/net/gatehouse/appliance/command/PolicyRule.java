package net.gatehouse.appliance.command;

import java.util.Optional;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.Paths;

/**
 * {@code ltm policy}: a policy in a {@code Drafts} folder is a draft; elsewhere it is published
 * ({@code publish ltm policy} moves a draft out). Only published policies attach to a virtual.
 */
final class PolicyRule implements ComponentRule {

    static final String DRAFTS = "Drafts";

    @Override
    public Body derive(ConfigObject policy, Snapshot candidate) {
        boolean draft = isDraftPath(policy.fullPath());
        Optional<String> status = policy.body().text("status");
        if (draft) {
            return policy.body().with("status", new Value.Text("draft"));
        }
        if (status.isEmpty() || status.get().equals("draft")) {
            return policy.body().with("status", new Value.Text("published"));
        }
        return policy.body();
    }

    static boolean isDraftPath(String fullPath) {
        return Paths.name(Paths.folder(fullPath)).equals(DRAFTS);
    }

    /** A virtual may name only published policies, as BIG-IP refuses drafts. */
    static void refuseDrafts(ConfigObject virtual, Snapshot candidate) throws ConfigError {
        Optional<Value> policies = virtual.body().get("policies");
        if (policies.isEmpty()) {
            return;
        }
        for (Item item : ((Value.Items) policies.get()).items()) {
            if (isDraftPath(item.name())) {
                throw ConfigError.general("Policy '" + item.name() + "' is a draft and cannot be attached"
                        + " to virtual server '" + virtual.fullPath() + "'; publish it first.");
            }
        }
    }
}
