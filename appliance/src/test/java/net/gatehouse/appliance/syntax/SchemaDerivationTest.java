package net.gatehouse.appliance.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.command.Command;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Edit;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.schema.Props;
import net.gatehouse.appliance.schema.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three syntaxes come from the schema: describing one more property is the whole change. */
class SchemaDerivationTest {

    @TempDir
    Path dir;

    @Test
    void aPropertyAddedToTheSchemaAppearsInAllThreeSyntaxes() throws Exception {
        Schema standard = Schema.standard();
        ComponentType pool = standard.require("ltm pool").withProperty(Props.number("queue-burst-limit", 3));
        Schema extended = standard.with(pool);

        try (Appliance appliance = Appliance.open(dir, CoreFixture.CLOCK, extended)) {
            var tmsh = appliance.tmsh(CoreFixture.ADMIN);
            tmsh.execute("create ltm pool web queue-burst-limit 7");
            assertThat(tmsh.execute("list ltm pool web")).isEqualTo("ltm pool web {\n    queue-burst-limit 7\n}\n");
            assertThat(tmsh.execute("list ltm pool web all-properties")).contains("    queue-burst-limit 7\n");
            assertThatThrownBy(() -> tmsh.execute("create ltm pool other queue-burst-limit x"))
                    .hasMessageContaining("queue-burst-limit value \"x\" must be a number");
        }

        try (Appliance appliance = Appliance.open(dir, CoreFixture.CLOCK, extended)) {
            Snapshot snapshot = appliance.snapshot();
            ConfigObject web = snapshot.get(pool, "/Common/web").orElseThrow();
            String conf = new StanzaWriter(snapshot, StanzaWriter.Mode.CONF, Paths.COMMON).write(web);
            assertThat(conf).isEqualTo("ltm pool /Common/web {\n    queue-burst-limit 7\n}\n");

            ObjectNode json = new IcontrolJson(snapshot, "localhost").write(web, false);
            assertThat(json.get("queueBurstLimit").asLong()).isEqualTo(7);
            assertThat(Schema.standard().require("ltm pool").property("queue-burst-limit")).isEmpty();

            // and each syntax reads it back
            List<Command> fromConf = ConfFile.read("ltm pool /Common/c { queue-burst-limit 9 }", "test.conf", snapshot);
            List<Edit> fromJson = IcontrolJson.read(pool,
                    new ObjectMapper().readTree("{\"name\":\"j\",\"queueBurstLimit\":11}"), snapshot.names("/Common"));
            appliance.commands().execute(CoreFixture.ADMIN, fromConf.get(0),
                    new Command.Create(pool, "/Common/j", fromJson));
            var tmsh = appliance.tmsh(CoreFixture.ADMIN);
            assertThat(tmsh.execute("list ltm pool c j one-line"))
                    .isEqualTo("ltm pool c { queue-burst-limit 9 }\nltm pool j { queue-burst-limit 11 }\n");
        }
    }
}
