package net.gatehouse.appliance.dataplane;

/**
 * Why the data plane reset a connection, counted for {@code show net rst-cause} in BIG-IP's
 * words where BIG-IP has them. The first seven refuse a new connection, the eighth ends an idle one, the
 * HTTP ones end HTTP connections (the L7 path) on a request or response it will not carry, and the SSL ones
 * end a client-ssl connection whose handshake failed (after the TLS alert): the words of the first three are
 * those of BIG-IP's {@code 01260009 Connection error} and {@code 01260026} log messages.
 */
public enum ResetCause {
    VIRTUAL_DISABLED("Virtual server disabled"),
    VIRTUAL_CONNECTION_LIMIT("Connection limit exceeded"),
    NO_POOL("No server selected"),
    NO_MEMBER_AVAILABLE("No pool member available"),
    SERVER_CONNECT_FAILED("Server connection failed"),
    FILE_DESCRIPTORS("Out of file descriptors"),
    MEMORY("Out of memory"),
    IDLE_TIMEOUT("Flow expired (sweeper)"),
    HTTP_PARSE_ERROR("HTTP parser error"),
    HTTP_HEADER_COUNT("HTTP header count exceeded"),
    HTTP_HEADER_SIZE("HTTP header size exceeded"),
    HTTP_UNKNOWN_METHOD("HTTP unknown method"),
    HTTP_PIPELINE("HTTP pipelined request rejected"),
    HTTP_HEADER_TIMEOUT("HTTP header timeout"),
    HTTP_RESPONSE_TIMEOUT("HTTP response timeout"),
    HTTP_SERVER_PARSE_ERROR("HTTP server response parser error"),
    SSL_NO_SHARED_CIPHERS("No shared ciphers"),
    SSL_UNSUPPORTED_VERSION("Unsupported version"),
    SSL_NOT_SSL("Not SSL"),
    SSL_NO_PEER_CERTIFICATE("Peer did not return a certificate"),
    SSL_PEER_CERTIFICATE_REJECTED("Peer certificate verify failed");

    private final String words;

    ResetCause(String words) {
        this.words = words;
    }

    /** The words {@code show net rst-cause} and the logs use. */
    public String words() {
        return words;
    }
}
