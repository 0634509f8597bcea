package net.gatehouse.appliance.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.gatehouse.appliance.Await;
import net.gatehouse.appliance.CoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show ltm virtual}, {@code show ltm pool ... members}, {@code show ltm node},
 * {@code show sys connection} and {@code show net rst-cause} match goldens written from F5's documented layout (a dashed title,
 * {@code Status} with {@code Availability}/{@code State}/{@code Reason}, then the
 * {@code Traffic} table; pool members indented with {@code  | }; one line per connection and
 * {@code Total records returned}). The test's random loopback addresses and ports are replaced by
 * documentation addresses before comparing. {@code -Dgolden.update=true} rewrites the goldens.
 */
class ShowGoldenIT {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final Path GOLDEN = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/golden/show");

    @TempDir
    Path dir;

    @Test
    void showLayoutsMatchBigIp() throws IOException {
        try (CoreFixture core = CoreFixture.open(dir); TestBackend one = TestBackend.start("a");
                TestBackend two = TestBackend.start("b")) {
            // Members are listed by name: a is the one that sorts first, b (disabled) the other.
            TestBackend a = one.member().compareTo(two.member()) < 0 ? one : two;
            TestBackend b = a == one ? two : one;
            String vip = Loopback.randomAddress();
            core.tmsh("create ltm pool web members add { " + a.member() + " " + b.member()
                    + " { session user-disabled } }");
            core.tmsh("create ltm virtual http_vs destination " + vip + ":8080 pool web profiles add { fastL4 }"
                    + " source-address-translation { type automap }");
            core.tmsh("create ltm virtual offsite_vs destination 192.0.2.10:8080 pool web");
            String output;
            try (Socket held = Loopback.connect(vip, 8080)) {
                Loopback.readLine(held.getInputStream());
                Await.await("the connection is listed", Duration.ofSeconds(5),
                        () -> core.appliance().dataPlane().connections().size() == 1);
                output = String.join("", core.tmsh("show ltm virtual http_vs offsite_vs raw"),
                        core.tmsh("show ltm pool web members raw"), core.tmsh("show ltm node 127.0.0.1 raw"),
                        core.tmsh("show sys connection"));
                output = output.replace(vip, "10.1.10.100")
                        .replace("127.0.0.1:" + a.port(), "10.1.20.11:80")
                        .replace("127.0.0.1:" + b.port(), "10.1.20.12:80")
                        .replace("127.0.0.1:" + held.getLocalPort(), "10.1.1.1:52000")
                        .replaceAll("127\\.0\\.0\\.1:\\d+", "10.1.20.245:52000")
                        .replaceAll("(tcp  )\\d+", "$1" + "3");
            }
            compare("traffic.txt", output);

            core.tmsh("modify ltm virtual http_vs disabled");
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> Loopback.greeting(vip, 8080)).isInstanceOf(IOException.class);
            }
            core.tmsh("modify ltm virtual http_vs enabled connection-limit 1");
            try (Socket held = Loopback.connect(vip, 8080)) {
                Loopback.readLine(held.getInputStream());
                assertThatThrownBy(() -> Loopback.greeting(vip, 8080)).isInstanceOf(IOException.class);
            }
            compare("rst-cause.txt", core.tmsh("show net rst-cause"));
        }
    }

    private static void compare(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (UPDATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
