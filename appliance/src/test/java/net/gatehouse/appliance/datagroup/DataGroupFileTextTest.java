package net.gatehouse.appliance.datagroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.datagroup.DataGroupFileText.Record;
import org.junit.jupiter.api.Test;

class DataGroupFileTextTest {

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void stringRecordsAreReadInF5sDocumentedFormAndAsTheAnsibleModuleWritesThem() throws ConfigError {
        assertThat(DataGroupFileText.records("/Common/f", "file:/var/tmp/f", "string",
                text("\"alpha\" := \"one\",\n\n\"beta\",\ngamma := three,\r\n\"a := b\" := \"x\",\n")))
                .containsExactly(new Record("alpha", "one"), new Record("beta", ""), new Record("gamma", "three"),
                        new Record("a := b", "x"));
    }

    @Test
    void addressRecordsAreHostsAndNetworksInEveryFormTheyAreWritten() throws ConfigError {
        assertThat(DataGroupFileText.records("/Common/f", "file:/var/tmp/f", "ip", text("host 10.0.0.1,\nnetwork 10.0.0.0/8,\n"
                + "network 172.16.0.0 prefixlen 12 := \"private\",\nhost 192.168.1.1 := office,\n2001:db8::/32,\n")))
                .containsExactly(new Record("10.0.0.1/32", ""), new Record("10.0.0.0/8", ""),
                        new Record("172.16.0.0/12", "private"), new Record("192.168.1.1/32", "office"),
                        new Record("2001:db8::/32", ""));
    }

    @Test
    void aWrongLineIsRefusedNamingTheFileTheLineAndWhy() {
        assertThatThrownBy(() -> DataGroupFileText.records("/Common/nets", "file:/var/tmp/f", "ip", text("host 10.0.0.1,\nhost 10.0.0.300,\n")))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("/Common/nets").hasMessageContaining("line 2")
                .hasMessageContaining("\"10.0.0.300\" is not a valid IP address");
        assertThatThrownBy(() -> DataGroupFileText.records("/Common/n", "file:/var/tmp/f", "integer", text("12 := a,\nx := b,\n")))
                .hasMessageContaining("line 2").hasMessageContaining("must be a number");
        assertThatThrownBy(() -> DataGroupFileText.records("/Common/s", "file:/var/tmp/f", "string", text("\"a\" := \"b\"\n")))
                .hasMessageContaining("line 1").hasMessageContaining("ends with a comma");
        assertThatThrownBy(() -> DataGroupFileText.records("/Common/s", "file:/var/tmp/f", "ip", text("network 10.0.0.0/33,\n")))
                .hasMessageContaining("prefix length 33");
    }

    @Test
    void theChecksumIsBigipsSha1WithTheSize() {
        assertThat(DataGroupFileText.checksum(text("abc")))
                .isEqualTo("SHA1:3:a9993e364706816aba3e25717850c26c9cd0d89d");
    }
}
