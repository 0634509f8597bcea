package net.gatehouse.appliance.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KnownHeaderNamesTest {

    private static byte[] line(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aNameSpelledExactlyIsTheSharedOne() {
        Object inALine = KnownHeaderNames.RESPONSE.find(line("xxContent-Length: 12"), 2, 14);
        Object alone = KnownHeaderNames.RESPONSE.find(line("Content-Length"), 0, 14);

        assertThat(inALine).hasToString("Content-Length").isSameAs(alone);
    }

    @Test
    void anotherCaseOrLengthOrAnUnknownNameIsNotMatched() {
        assertThat((Object) KnownHeaderNames.RESPONSE.find(line("content-length"), 0, 14)).isNull();
        assertThat((Object) KnownHeaderNames.RESPONSE.find(line("Content-Lengt"), 0, 13)).isNull();
        assertThat((Object) KnownHeaderNames.RESPONSE.find(line("X-Backend"), 0, 9)).isNull();
        assertThat((Object) KnownHeaderNames.REQUEST.find(line("A-Very-Long-Field-Name-That-Nobody-Sends"), 0, 40)).isNull();
    }

    @Test
    void parsedHeaderMapsValidateEveryNameButTheSharedOnes() {
        HttpHeaders headers = KnownHeaderNames.HEADERS.newHeaders();
        CharSequence shared = KnownHeaderNames.REQUEST.find(line("Host"), 0, 4);

        headers.add(shared, "a.example").add("X-Custom", "1").add("Host", "b.example");

        assertThat(headers.getAll("host")).containsExactly("a.example", "b.example");
        assertThatThrownBy(() -> headers.add("Bad Name", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad Name");
        assertThatThrownBy(() -> headers.add("Transfer-Encoding\r\nX", "chunked"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
