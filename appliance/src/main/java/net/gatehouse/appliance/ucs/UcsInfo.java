package net.gatehouse.appliance.ucs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One archive in the appliance's UCS directory, as {@code list sys ucs} and {@code GET /mgmt/tm/sys/ucs}
 * show it: its BIG-IP path ({@code /var/local/ucs/NAME.ucs}), size, when and on which host it was
 * saved, the version that saved it, and whether a passphrase protects it.
 */
public record UcsInfo(String filename, long sizeBytes, Instant created, String hostname, String version,
        String build, boolean encrypted) {

    /** F5's build timestamp and job fields describe F5's build system; Gatehouse has none to report. */
    private static final String NOT_RECORDED_NUMBER = "000000000000";

    /**
     * The archive's details by F5's names, in F5's order, as iControl REST's {@code apiRawValues}
     * carries them (the hostname the archive was saved on is in {@link #hostname()}) ({@code list sys ucs} shows the same with hyphens).
     */
    public Map<String, String> rawValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("base_build", build);
        values.put("build", build);
        values.put("built", NOT_RECORDED_NUMBER);
        values.put("changelist", "0");
        values.put("edition", "Final");
        values.put("encrypted", encrypted ? "yes" : "no");
        values.put("file_created_date", created.truncatedTo(ChronoUnit.SECONDS).toString());
        values.put("file_size", sizeBytes + " (in bytes)");
        values.put("filename", filename);
        values.put("install_date", "unknown");
        values.put("job_id", "0");
        values.put("product", "Gatehouse");
        values.put("sequence", version + "-" + build + ".0");
        values.put("version", version);
        return values;
    }
}
