package net.gatehouse.appliance.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.crypto.SoftwareKeySlots;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code $M$} values under real master keys (software key slots in temporary directories). */
class SecretsTest {

    private static final String MARKER = "Marker-Passphrase-7c1e";
    private static final ComponentType HTTP_MONITOR = Schema.standard().require("ltm monitor http");
    private static final ComponentType CLIENT_SSL = Schema.standard().require("ltm profile client-ssl");

    @TempDir
    Path here;

    @TempDir
    Path elsewhere;

    private SoftwareKeySlots slots;
    private SoftwareKeySlots otherSlots;
    private Secrets secrets;
    private Secrets otherBox;

    @BeforeEach
    void open() throws Exception {
        slots = SoftwareKeySlots.open(here, 4);
        otherSlots = SoftwareKeySlots.open(elsewhere, 4);
        secrets = new Secrets(slots::secretVault);
        otherBox = new Secrets(otherSlots::secretVault);
    }

    @AfterEach
    void close() {
        slots.close();
        otherSlots.close();
    }

    private static ConfigObject monitor(String password) {
        return new ConfigObject(HTTP_MONITOR, "/Common/m1", Body.texts("password", password, "username", "probe"), 0);
    }

    @Test
    void aClearPasswordIsStoredEncryptedAndReadsBackInClear() throws ConfigError {
        ConfigObject sealed = secrets.sealed(monitor(MARKER));
        String stored = sealed.body().text("password").orElseThrow();
        assertThat(stored).startsWith("$M$").doesNotContain(MARKER);
        assertThat(sealed.body().text("username")).contains("probe");
        assertThat(secrets.clear(stored)).contains(MARKER);
    }

    @Test
    void theSameClearValueIsEncryptedWithAFreshIvEachTime() throws ConfigError {
        String first = secrets.sealed(monitor(MARKER)).body().text("password").orElseThrow();
        String second = secrets.sealed(monitor(MARKER)).body().text("password").orElseThrow();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anEncryptedValueThatDecryptsIsKeptAsGiven() throws ConfigError {
        ConfigObject sealed = secrets.sealed(monitor(MARKER));
        assertThat(secrets.sealed(sealed)).isSameAs(sealed);
    }

    @Test
    void noneAndAbsentSecretsAreLeftAlone() throws ConfigError {
        ConfigObject none = monitor("none");
        assertThat(secrets.sealed(none)).isSameAs(none);
        ConfigObject bare = new ConfigObject(HTTP_MONITOR, "/Common/m2", Body.texts("username", "probe"), 0);
        assertThat(secrets.sealed(bare)).isSameAs(bare);
    }

    @Test
    void aValueEncryptedUnderAnotherMasterKeyIsRefusedNamingObjectAndProperty() throws ConfigError {
        String foreign = otherBox.sealed(monitor(MARKER)).body().text("password").orElseThrow();
        assertThatThrownBy(() -> secrets.sealed(monitor(foreign)))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("password").hasMessageContaining("/Common/m1")
                .hasMessageContaining("another master key");
        assertThat(secrets.clear(foreign)).isEmpty();
    }

    @Test
    void aBigIpValueFromAnotherBoxOrADamagedOneIsRefused() {
        for (String value : List.of("$M$Ab$kQzL1pV8eT0yR6u3XwN2cA==", "$M$", "$M$c2hvcnQ=")) {
            assertThatThrownBy(() -> secrets.sealed(monitor(value)))
                    .as(value).isInstanceOf(ConfigError.class).hasMessageContaining("(/Common/m1)");
        }
    }

    @Test
    void aPassphraseInsideACollectionItemIsEncryptedAndNamedWithItsItem() throws ConfigError {
        ConfigObject profile = new ConfigObject(CLIENT_SSL, "/Common/site_ssl", Body.EMPTY.with("cert-key-chain",
                Value.Items.of(new Item("site", Body.texts("cert", "/Common/site.crt", "key", "/Common/site.key",
                        "passphrase", MARKER)))), 0);
        ConfigObject sealed = secrets.sealed(profile);
        Item item = ((Value.Items) sealed.body().get("cert-key-chain").orElseThrow()).items().get(0);
        String stored = item.body().text("passphrase").orElseThrow();
        assertThat(stored).startsWith("$M$");
        assertThat(item.body().text("key")).contains("/Common/site.key");
        assertThat(secrets.clear(stored)).contains(MARKER);

        ConfigObject foreign = otherBox.sealed(profile);
        assertThatThrownBy(() -> secrets.sealed(foreign)).hasMessageContaining("cert-key-chain site passphrase")
                .hasMessageContaining("/Common/site_ssl");
    }

    @Test
    void afterAMasterKeyChangeResealingOpensWithTheOldKeyAndSealsUnderTheNewOne() throws Exception {
        ConfigObject sealed = secrets.sealed(monitor(MARKER));
        Secrets.Vault previous = slots.secretVault();
        slots.changeMasterKey(Optional.empty());

        assertThatThrownBy(() -> secrets.sealed(sealed)).isInstanceOf(ConfigError.class);
        ConfigObject resealed = secrets.resealed(sealed, previous);
        String stored = resealed.body().text("password").orElseThrow();
        assertThat(stored).isNotEqualTo(sealed.body().text("password").orElseThrow());
        assertThat(secrets.clear(stored)).contains(MARKER);
        assertThat(secrets.sealed(resealed)).isSameAs(resealed);
    }

    @Test
    void devicesGivenTheSameMasterKeyPasswordReadEachOthersValues() throws Exception {
        slots.changeMasterKey(Optional.of("shared secret".toCharArray()));
        otherSlots.changeMasterKey(Optional.of("shared secret".toCharArray()));
        ConfigObject fromOther = otherBox.sealed(monitor(MARKER));
        assertThat(secrets.sealed(fromOther)).isSameAs(fromOther);
        assertThat(secrets.clear(fromOther.body().text("password").orElseThrow())).contains(MARKER);
    }
}
