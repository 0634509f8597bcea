package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.gatehouse.appliance.persist.PersistRecord;
import net.gatehouse.appliance.syntax.IcontrolJson;

/**
 * {@code GET /mgmt/tm/ltm/persistence/persist-records}: the REST form of {@code show ltm
 * persistence persist-records}, in BIG-IP's stats envelope (an {@code entries} map of numbered
 * links to {@code nestedStats}). The keys name what iControl's {@code PersistenceRecord} carries
 * (mode, persistence value, virtual, pool, node, age) in REST's camelCase.
 */
final class PersistRecordsJson {

    static final String PATH = "ltm/persistence/persist-records";
    private static final String BASE = "https://localhost/mgmt/tm/" + PATH;

    private PersistRecordsJson() {
    }

    static ObjectNode write(List<PersistRecord> records) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kind", "tm:ltm:persistence:persist-records:persist-recordsstats");
        node.put("selfLink", BASE + "?ver=" + IcontrolJson.VERSION);
        ObjectNode entries = node.putObject("entries");
        for (int i = 0; i < records.size(); i++) {
            PersistRecord record = records.get(i);
            ObjectNode stats = entries.putObject(BASE + "/" + i).putObject("nestedStats").putObject("entries");
            int split = Math.max(record.virtualAddress().lastIndexOf(':'), record.virtualAddress().lastIndexOf('.'));
            stats.putObject("age").put("value", record.ageSeconds());
            stats.putObject("clientAddr").put("description", record.client());
            stats.putObject("mode").put("description", record.mode().word());
            stats.putObject("nodeAddr").put("description", record.nodeAddress());
            stats.putObject("nodePort").put("value", record.nodePort());
            stats.putObject("persistenceValue").put("description", record.key());
            stats.putObject("poolName").put("description", record.pool());
            stats.putObject("virtualAddr").put("description", record.virtualAddress().substring(0, split));
            stats.putObject("virtualName").put("description", record.virtual());
            stats.putObject("virtualPort").put("value", Integer.parseInt(record.virtualAddress().substring(split + 1)));
        }
        return node;
    }
}
