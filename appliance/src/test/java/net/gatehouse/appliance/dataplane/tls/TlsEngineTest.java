package net.gatehouse.appliance.dataplane.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslProvider;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsEngineTest {

    @Test
    void jdkForcesTheJdkEngineAndTheLogSaysItWasChosen() {
        TlsEngine engine = TlsEngine.configured(Optional.of(" JDK "));
        assertThat(engine.provider()).isEqualTo(SslProvider.JDK);
        assertThat(engine.describe()).isEqualTo("the JDK (chosen by gatehouse.tls.provider=jdk)");
    }

    @Test
    void autoOrNothingTakesTheBestEngine() {
        assertThat(TlsEngine.configured(Optional.empty()).provider()).isEqualTo(TlsEngine.best().provider());
        assertThat(TlsEngine.configured(Optional.of("auto")).provider()).isEqualTo(TlsEngine.best().provider());
    }

    @Test
    void anUnknownEngineIsRefusedNamingThePropertyAndValue() {
        assertThatThrownBy(() -> TlsEngine.configured(Optional.of("gnutls")))
                .hasMessage("gatehouse.tls.provider is \"gnutls\"; it takes auto, jdk or openssl.");
    }
}
