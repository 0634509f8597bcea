package net.gatehouse.appliance.dataplane;

import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;

/**
 * The client-side response encoder, told whether the response it is about to write answers a
 * HEAD request (whose response has headers only, whatever its Content-Length or
 * Transfer-Encoding say).
 */
final class HttpResponseWriter extends HttpResponseEncoder {

    private boolean headResponse;

    /** Set before writing a response's head: true when it answers HEAD. */
    void answeringHead(boolean head) {
        headResponse = head;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse message) {
        return headResponse || super.isContentAlwaysEmpty(message);
    }
}
