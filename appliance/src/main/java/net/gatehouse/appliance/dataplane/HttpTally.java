package net.gatehouse.appliance.dataplane;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Objects;
import net.gatehouse.appliance.dataplane.stats.HttpProfileCounters;

/**
 * What one L7 client connection counts, at three points of an exchange: a request head accepted
 * (the virtual and its http profile), the request sent to a member (its pool, the member and its
 * node, and the profile's keep-alive maximum) and a final response head received (the status class
 * everywhere, the response version on the profile). Everything it touches is a striped adder, so
 * the event loops never contend.
 */
final class HttpTally {

    private final VirtualState virtual;
    private final HttpProfileCounters profile;

    HttpTally(VirtualState virtual) {
        this.virtual = virtual;
        this.profile = Objects.requireNonNull(virtual.httpProfile(), "an L7 virtual has http profile counters");
    }

    /** A request head passed the profile's checks (before load balancing, as BIG-IP's HTTP_REQUEST). */
    void requestAccepted(HttpRequest request) {
        virtual.http().request();
        profile.request(request.method().equals(HttpMethod.GET) ? "GET"
                : request.method().equals(HttpMethod.POST) ? "POST" : request.method().name(),
                version(request.protocolVersion()));
    }

    /** The {@code n}th request of the connection goes to the flow's member. */
    void requestSent(Flow flow, long n) {
        flow.pool().http().request();
        MemberState member = flow.taken().member();
        member.http().request();
        flow.taken().configured().node().http().request();
        profile.requestOnConnection(n);
    }

    /** A final (not 1xx, or 101) response head from the flow's member. */
    void response(Flow flow, HttpResponse response) {
        int status = response.status().code();
        virtual.http().response(status);
        flow.pool().http().response(status);
        flow.taken().member().http().response(status);
        flow.taken().configured().node().http().response(status);
        profile.response(version(response.protocolVersion()), status);
    }

    /** The connection switched protocols and now forwards bytes. */
    void switchedProtocols() {
        profile.webSocket();
    }

    private static HttpProfileCounters.Version version(HttpVersion version) {
        if (version.majorVersion() == 1 && version.minorVersion() >= 1) {
            return HttpProfileCounters.Version.V11;
        }
        return version.majorVersion() == 0 ? HttpProfileCounters.Version.V09 : HttpProfileCounters.Version.V10;
    }
}
