package net.gatehouse.appliance.command;

import java.util.List;
import net.gatehouse.appliance.config.BodyEdits;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Paths;

/**
 * Drafts of an {@code ltm policy}, as tmsh and REST make them: publishing a draft (tmsh {@code publish
 * ltm policy Drafts/p}, REST {@code POST /mgmt/tm/ltm/policy {"command": "publish", "name":
 * "/Common/Drafts/p"}}) makes it the published policy {@code p}, replacing an earlier one; a draft of a
 * published policy (REST {@code PATCH /mgmt/tm/ltm/policy/~Common~p {"createDraft": true}}) is a copy of
 * it in the partition's {@code Drafts} folder.
 */
public final class PolicyDrafts {

    private PolicyDrafts() {
    }

    /** The commands that publish {@code draft} (a full path in a {@code Drafts} folder). */
    public static List<Command> publish(Snapshot snapshot, String draft) throws ConfigError {
        ComponentType type = snapshot.schema().require("ltm policy");
        ConfigObject object = snapshot.get(type, draft).orElseThrow(() -> ErrorCatalog.notFound(type.label(), draft));
        if (!PolicyRule.isDraftPath(draft)) {
            throw ConfigError.general("Policy '" + draft + "' is not a draft and cannot be published.");
        }
        return List.of(new Command.Delete(type, draft),
                new Command.Replace(type, publishedPath(draft), BodyEdits.of(object.body().without("status"))));
    }

    /** The command that makes (or remakes) the draft of the published policy {@code published}. */
    public static Command draft(Snapshot snapshot, String published) throws ConfigError {
        ComponentType type = snapshot.schema().require("ltm policy");
        ConfigObject object = snapshot.get(type, published)
                .orElseThrow(() -> ErrorCatalog.notFound(type.label(), published));
        if (PolicyRule.isDraftPath(published)) {
            throw ConfigError.general("Policy '" + published + "' is already a draft.");
        }
        return new Command.Replace(type, draftPath(published), BodyEdits.of(object.body().without("status")));
    }

    /** {@code /Common/Drafts/p} → {@code /Common/p}. */
    public static String publishedPath(String draft) {
        return Paths.join(Paths.folder(Paths.folder(draft)), Paths.name(draft));
    }

    /** {@code /Common/p} → {@code /Common/Drafts/p}. */
    public static String draftPath(String published) {
        return Paths.join(Paths.join(Paths.folder(published), PolicyRule.DRAFTS), Paths.name(published));
    }
}
