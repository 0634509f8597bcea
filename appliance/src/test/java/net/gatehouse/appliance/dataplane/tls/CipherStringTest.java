package net.gatehouse.appliance.dataplane.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CipherStringTest {

    private static final List<String> AVAILABLE = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    private static final List<String> DEFAULTS = AVAILABLE.subList(0, 4);

    @Test
    void defaultKeepsTheEnginesDefaults() {
        assertThat(CipherString.select("DEFAULT", AVAILABLE, DEFAULTS)).containsExactlyInAnyOrderElementsOf(DEFAULTS);
    }

    @Test
    void keywordsJoinedByPlusMustAllHoldAndBangRemovesForGood() {
        assertThat(CipherString.select("ECDHE+AES-GCM:!AES256", AVAILABLE, DEFAULTS)).containsExactly(
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_AES_128_GCM_SHA256");
    }

    @Test
    void clientsslSecureStringSelectsEcdheAndRsaButNoDes() {
        assertThat(CipherString.select("ecdhe:rsa:!sslv3:!rc4:!exp:!des", AVAILABLE, DEFAULTS))
                .contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256")
                .doesNotContain("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    }

    @Test
    void dhMatchesDheButNotEcdhe() {
        assertThat(CipherString.select("ALL:!DH", AVAILABLE, DEFAULTS))
                .doesNotContain("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256")
                .contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void suitesAreNamedInIanaOrOpenSslSpelling() {
        assertThat(CipherString.select("ECDHE-RSA-AES256-GCM-SHA384:TLS_RSA_WITH_AES_128_GCM_SHA256",
                AVAILABLE, DEFAULTS)).containsExactly("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256");
    }

    @Test
    void aStringThatSelectsNothingIsRefused() {
        assertThatThrownBy(() -> CipherString.select("NO-SUCH-CIPHER", AVAILABLE, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("selects no cipher suite");
    }
}
