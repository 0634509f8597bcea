package net.gatehouse.firmware;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The simulated hardware this appliance instance runs on: a model, an identity that stays the same
 * across boots of one data directory (serial number, base MAC address), and what the host really
 * offers (cores, physical memory, JVM heap).
 *
 * @param model             the platform's marketing name
 * @param serialNumber      {@code z100-xxxx-xxxx}, chosen at first boot
 * @param baseMac           a locally administered unicast MAC address, chosen at first boot
 * @param cores             available processors
 * @param totalMemoryBytes  the host's physical memory, when the JVM can tell
 * @param maxHeapBytes      the JVM's maximum heap
 */
public record Platform(String model, String serialNumber, String baseMac, int cores,
        Optional<Long> totalMemoryBytes, long maxHeapBytes) {

    public static final String MODEL = "Gatehouse Virtual Edition (Z100)";

    /** Where the identity is kept, inside the data directory. */
    static final String IDENTITY_FILE = "platform.properties";

    private static final String SERIAL = "serial-number";
    private static final String MAC = "base-mac";

    /**
     * The platform of the appliance whose data lives in {@code dataDir}: its identity is read from
     * {@value #IDENTITY_FILE}, or chosen and written there at first boot.
     *
     * @throws UncheckedIOException when the data directory cannot be created, read or written
     */
    public static Platform identify(Path dataDir) {
        Properties identity = identity(dataDir);
        return new Platform(MODEL, identity.getProperty(SERIAL), identity.getProperty(MAC),
                Runtime.getRuntime().availableProcessors(), physicalMemory(), Runtime.getRuntime().maxMemory());
    }

    /** The power-on self-test lines for this platform. */
    public List<String> selfTest() {
        return List.of(
                "POST: platform " + model + " ok",
                "POST: serial number " + serialNumber + " ok",
                "POST: base MAC address " + baseMac + " ok",
                "POST: CPU " + cores + (cores == 1 ? " core" : " cores") + " ok",
                "POST: memory " + totalMemoryBytes.map(Platform::gib).orElse("unknown")
                        + " physical, " + gib(maxHeapBytes) + " JVM heap ok");
    }

    private static Properties identity(Path dataDir) {
        Path file = dataDir.resolve(IDENTITY_FILE);
        try {
            Files.createDirectories(dataDir);
            Properties properties = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
            }
            boolean changed = false;
            SecureRandom random = new SecureRandom();
            if (properties.getProperty(SERIAL, "").isBlank()) {
                properties.setProperty(SERIAL, newSerialNumber(random));
                changed = true;
            }
            if (properties.getProperty(MAC, "").isBlank()) {
                properties.setProperty(MAC, newBaseMac(random));
                changed = true;
            }
            if (changed) {
                Path partial = dataDir.resolve(IDENTITY_FILE + ".new");
                try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                    properties.store(writer, "Gatehouse platform identity, chosen at first boot");
                }
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the platform identity in " + file + ": " + e.getMessage(), e);
        }
    }

    static String newSerialNumber(SecureRandom random) {
        String digits = HexFormat.of().formatHex(randomBytes(random, 4));
        return "z100-" + digits.substring(0, 4) + "-" + digits.substring(4);
    }

    /** Six random octets, the first marked locally administered (bit 1 set) and unicast (bit 0 clear). */
    static String newBaseMac(SecureRandom random) {
        byte[] octets = randomBytes(random, 6);
        octets[0] = (byte) ((octets[0] & 0xfc) | 0x02);
        return HexFormat.ofDelimiter(":").formatHex(octets);
    }

    private static byte[] randomBytes(SecureRandom random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Optional<Long> physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Optional.of(os.getTotalMemorySize());
        }
        return Optional.empty();
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
