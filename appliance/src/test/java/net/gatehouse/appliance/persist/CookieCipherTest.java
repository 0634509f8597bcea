package net.gatehouse.appliance.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class CookieCipherTest {

    private final CookieCipher cipher = CookieCipher.of("a passphrase");

    @Test
    void aSealedValueOpensWithTheSamePassphraseAndCookieName() {
        String sealed = cipher.seal("1677787402.20480.0000", "BIGipServerweb");
        assertThat(sealed).startsWith("!").doesNotContain("1677787402");
        assertThat(CookieCipher.of("a passphrase").open(sealed, "BIGipServerweb")).contains("1677787402.20480.0000");
    }

    @Test
    void eachSealIsFreshSoTwoCookiesForOneMemberDiffer() {
        assertThat(cipher.seal("1677787402.20480.0000", "c")).isNotEqualTo(cipher.seal("1677787402.20480.0000", "c"));
    }

    @Test
    void anotherPassphraseAnotherCookieNameOrAnAlteredValueOpenToNothing() {
        String sealed = cipher.seal("1677787402.20480.0000", "BIGipServerweb");
        assertThat(CookieCipher.of("another").open(sealed, "BIGipServerweb")).isEmpty();
        assertThat(cipher.open(sealed, "BIGipServerother")).isEmpty();
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(1));
        bytes[bytes.length - 1] ^= 1;
        assertThat(cipher.open("!" + Base64.getEncoder().encodeToString(bytes), "BIGipServerweb")).isEmpty();
        assertThat(cipher.open("!not base64 %%", "BIGipServerweb")).isEmpty();
        assertThat(cipher.open("!AAAA", "BIGipServerweb")).isEmpty();
        assertThat(cipher.open("1677787402.20480.0000", "BIGipServerweb")).as("a plain value").isEmpty();
    }
}
