package net.gatehouse.appliance.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.gatehouse.appliance.view.LtmView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the L7 path does with each request's head: the strict parse of a browser-like request
 * (12 fields), the http profile's rewrites (hop-by-hop fields removed, {@code header-erase},
 * {@code header-insert}, X-Forwarded-For) and the encoding towards the server. The benchmark
 * lives in the data plane's package because those steps are package-private there. Run by hand:
 * docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class HeaderHandlingBenchmark {

    private static final String REQUEST = "GET /catalog/item?id=42&view=full HTTP/1.1\r\n"
            + "Host: shop.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Language: en-GB,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Referer: https://shop.example.com/catalog\r\n"
            + "Cookie: session=4f2a9c1e77b04d2c; BIGipServerweb_pool=185903296.20480.0000\r\n"
            + "Connection: keep-alive\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n"
            + "Sec-Fetch-Dest: document\r\n"
            + "X-Debug: 1\r\n"
            + "Priority: u=0, i\r\n"
            + "\r\n";

    /** Whether the profile rewrites (erase, insert, X-Forwarded-For) or only removes hop-by-hop fields. */
    @Param({"plain", "rewrites"})
    public String profile;

    private LtmView.Http http;
    private ByteBuf wire;
    private EmbeddedChannel decoder;
    private EmbeddedChannel encoder;

    @Setup
    public void setUp() {
        boolean rewrites = profile.equals("rewrites");
        http = new LtmView.Http("/Common/http", rewrites, rewrites ? List.of("X-Debug") : List.of(),
                rewrites ? Optional.of("X-Served-By: gatehouse") : Optional.empty(), Optional.empty(), Set.of(),
                "BigIP", "none", 64, 32768, 0, "reject", "allow",
                Set.of("GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "CONNECT", "TRACE", "PATCH"),
                new LtmView.Hsts(false, 16_070_400, true, false));
        wire = Unpooled.unreleasableBuffer(
                Unpooled.directBuffer().writeBytes(REQUEST.getBytes(StandardCharsets.US_ASCII)));
        decoder = new EmbeddedChannel(new StrictRequestDecoder(32768));
        encoder = new EmbeddedChannel(new HttpRequestEncoder());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoder.finishAndReleaseAll();
        encoder.finishAndReleaseAll();
    }

    @Benchmark
    public int parseRewriteEncode() {
        decoder.writeInbound(wire.duplicate());
        HttpRequest request = decoder.readInbound();
        Object last = decoder.readInbound();
        HttpRewrites.requestToServer(request, http, "10.1.10.7");
        encoder.writeOutbound(request, last == null ? LastHttpContent.EMPTY_LAST_CONTENT : last);
        int bytes = 0;
        for (Object out = encoder.readOutbound(); out != null; out = encoder.readOutbound()) {
            bytes += out instanceof ByteBuf buffer ? buffer.readableBytes() : 0;
            ReferenceCountUtil.release(out);
        }
        return bytes;
    }
}
