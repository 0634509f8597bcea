package net.gatehouse.appliance.tmsh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.gatehouse.appliance.dataplane.Reports;
import net.gatehouse.appliance.dataplane.stats.HttpProfileStats;
import org.junit.jupiter.api.Test;

/**
 * {@code show ltm profile http} lays a profile out as the golden {@code show/http-profile.txt}
 * (see {@code show/README.md} for where its labels come from): a dashed title, the virtual server
 * count, then the Requests, Responses and Pass-through groups, numbers scaled like tmsh's.
 */
class HttpProfileShowTest {

    private static final Path GOLDEN = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/golden/show/http-profile.txt");

    @Test
    void anHttpProfileIsLaidOutAsTheGolden() throws IOException {
        HttpProfileStats stats = new HttpProfileStats(12_345, 9_000, 3_000, 0, 45, 12_300, 17, 0, 0, 12_345,
                11_000, 1_200, 140, 5, 2);
        String shown = new HttpProfileShow(new TrafficShow(null, "/Common", false))
                .profile(new Reports.HttpProfile("/Common/web_http", 2, stats))
                + new HttpProfileShow(new TrafficShow(null, "/Common", true))
                        .profile(new Reports.HttpProfile("/Tenant/api_http", 0, HttpProfileStats.NONE));

        assertThat(shown).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void rawShowsExactCounts() {
        HttpProfileStats stats = new HttpProfileStats(12_345, 0, 0, 0, 0, 12_345, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        String shown = new HttpProfileShow(new TrafficShow(null, "/Common", true))
                .profile(new Reports.HttpProfile("/Common/http", 1, stats));

        assertThat(shown).containsPattern("\n  Total +12345\n").containsPattern("\n  Version 1\\.1 +12345\n");
    }
}
