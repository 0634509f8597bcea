package net.gatehouse.appliance.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;

/** Looks for a private key in clear in a file or text: the PEM marker, its DER bytes, or their base64 or hex. */
final class LeakScan {

    private LeakScan() {
    }

    static void assertNoPrivateKey(Path file, byte[] der) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(indexOf(bytes, der)).as("DER of the private key in %s", file).isEqualTo(-1);
        assertNoPrivateKey(file.toString(), new String(bytes, StandardCharsets.ISO_8859_1), der);
    }

    static void assertNoPrivateKey(String where, String text, byte[] der) {
        assertThat(text).as("PEM private key in %s", where).doesNotContain("PRIVATE KEY");
        // A 64-byte window of the key's encodings is enough to find it and cannot occur by chance.
        String base64 = Base64.getEncoder().encodeToString(der);
        String hex = HexFormat.of().formatHex(der);
        assertThat(text).as("base64 private key in %s", where).doesNotContain(base64.substring(base64.length() / 2, base64.length() / 2 + 64));
        assertThat(text.toLowerCase()).as("hex private key in %s", where).doesNotContain(hex.substring(hex.length() / 2, hex.length() / 2 + 64));
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        // The DER's private part: a 48-byte window from its middle, where the secret exponent lies.
        int from = needle.length / 2;
        int length = 48;
        outer:
        for (int i = 0; i + length <= haystack.length; i++) {
            for (int j = 0; j < length; j++) {
                if (haystack[i + j] != needle[from + j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
