package net.gatehouse.appliance.dataplane;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.gatehouse.appliance.persist.PersistContext;
import net.gatehouse.appliance.persist.VirtualPersistence;
import net.gatehouse.appliance.persist.irule.RuleDecision;
import net.gatehouse.appliance.persist.irule.VirtualRules;
import net.gatehouse.appliance.view.LtmView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection to a virtual server with an http profile (the L7 path). Requests are
 * parsed strictly and streamed to the server one exchange at a time: a request's head is held
 * until its first body piece parses (so a request refused at its framing sends the server
 * nothing), its body is streamed with backpressure, and the response is streamed back before
 * the next request (pipelined requests wait, in order, and the client is not read meanwhile).
 * <p>
 * Without a oneconnect profile there is one load-balancing decision per client connection (at
 * its first request, as BIG-IP) and one server-side connection at a time to that member; a
 * server connection that closes between requests is opened again to the same member.
 * Cookie persistence ({@link CookieSelection}) is read at that first request and set on responses.
 * <p>
 * With a oneconnect profile ({@link OneConnectPolicy}) every request is balanced (persistence
 * first, the cookie read on each request), goes on an idle server connection to the chosen
 * member from this event loop's {@link ServerConnectionPool} when one matches, and after its
 * response was read to its end the server connection is parked there for reuse (or closed).
 * Everything runs on the client connection's event loop.
 */
final class HttpSession extends ChannelInboundHandlerAdapter implements ServerConnection.User {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSession.class);
    private static final int MAX_SERVER_HEADER_SIZE = 65536;

    private final DataPlaneContext context;
    private final VirtualState virtual;
    private final VirtualState.Plan plan;
    private final LtmView.Http http;
    private final LtmView.HttpSystem system;
    private final HttpResponseWriter writer;
    private final HttpTally tally;
    /** The virtual's one-connect profile; empty without one. */
    private final Optional<OneConnectPolicy> oneConnect;
    /** The one-connect profile's counters, looked up once per connection; null without a profile. */
    private final OneConnectCounters oneConnectCounters;
    private Channel client;
    private Flow flow;
    private Channel server;
    /**
     * Cookie persistence of the current request (empty without a cookie {@code persist} profile, or
     * when the virtual's iRules chose the persistence).
     */
    private Optional<CookieSelection> cookies = Optional.empty();
    /** The virtual's cookie persistence for {@link #cookiesPool}, made again only when a commit or the pool changes. */
    private Optional<CookieSelection> profileCookies = Optional.empty();
    private VirtualPersistence cookiesFor;
    private PoolState cookiesPool;
    /** The request being balanced or run through the iRules, while it is (persistence methods and rules may read it). */
    private HttpRequest balancing;
    /** What persistence reads of this connection and the request being balanced; made only when a method asks. */
    private final Supplier<PersistContext> persistFacts = () -> PersistFacts.of(client, balancing);
    /** The client's address as X-Forwarded-For writes it (made at the first request). */
    private String clientHost;
    private boolean connecting;
    /** What waits for the server-side connection (bounded: the client is not read meanwhile). */
    private final Deque<HttpObject> outbox = new ArrayDeque<>();
    /** Pipelined requests (and their bodies) waiting for the exchange before them. */
    private final Deque<HttpObject> queued = new ArrayDeque<>();
    private HttpRequest held;
    private HttpRequest current;
    private boolean inRequest;
    private boolean inResponse;
    private boolean responseStarted;
    private boolean informational;
    private boolean lastStatusWasSwitching;
    /** Bytes of a next request came before its head was complete (a slow or stalled client). */
    private boolean partialRequest;
    private boolean discardingResponse;
    private boolean closeAfterResponse;
    private boolean clientKeepAlive;
    private boolean upgraded;
    private boolean ended;
    /** The server's response allows its connection to be used again (keep-alive, framed by length or chunks). */
    private boolean serverReusable;
    /** The current request went on an idle connection taken from the pool (and may be retried once). */
    private boolean onReusedServer;
    /** The current request has a body (a request with one is never retried). */
    private boolean requestHasBody;
    /** Anything of the current response arrived. */
    private boolean anyResponse;
    private long requests;
    /** oneconnect: the reuse key of the last request and the source address it was made for. */
    private ServerConnectionPool.Key reuseKey;
    private InetSocketAddress reuseKeySource;
    /** The virtual's iRules as this connection found them, and what they decided for it. */
    private VirtualRules rules = VirtualRules.NONE;
    private final RuleDecision decision = new RuleDecision();
    /** No complete request head in time (armed while the connection waits for one). */
    private Deadline headerTimer;
    /** No response head in time (armed from a request's end to its response's head). */
    private Deadline responseTimer;

    HttpSession(DataPlaneContext context, VirtualState virtual, VirtualState.Plan plan, LtmView.HttpSystem system,
            HttpResponseWriter writer) {
        this.context = context;
        this.virtual = virtual;
        this.plan = plan;
        this.http = plan.virtual().http().orElseThrow();
        this.system = system;
        this.writer = writer;
        this.tally = new HttpTally(virtual);
        this.oneConnect = OneConnectPolicy.of(plan.virtual(), context.serverConnections().loops());
        this.oneConnectCounters = oneConnect.isPresent()
                ? context.serverConnections().counters(oneConnect.get().profile()) : null;
    }

    /** The bytes a client connection read, counted on the virtual (and the member once there is one). */
    void countFromClient(int bytes) {
        if (!inRequest && !inResponse) {
            partialRequest = true;
        }
        if (flow != null) {
            flow.countFromClient(bytes);
        } else {
            virtual.clientSide().received(bytes);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        headerTimer = new Deadline(ctx.executor(), this::headerTimeout);
        responseTimer = new Deadline(ctx.executor(), () -> fail(ResetCause.HTTP_RESPONSE_TIMEOUT,
                "no response in " + system.responseTimeoutSeconds() + " s"));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ctx.channel();
        if (!plan.virtual().enabled()) {
            ended = true;
            context.count(ResetCause.VIRTUAL_DISABLED);
            Flow.resetNow(client);
            return;
        }
        if (!virtual.clientSide().tryOpen(plan.virtual().connectionLimit())) {
            ended = true;
            context.count(ResetCause.VIRTUAL_CONNECTION_LIMIT);
            Flow.resetNow(client);
            return;
        }
        rules = context.rules(virtual.fullPath());
        rules.clientAccepted(PersistFacts.of(client, null), decision);
        startHeaderTimer();
        client.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (ended) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (upgraded) {
            forwardToServer(message);
            return;
        }
        if (!queued.isEmpty() || (message instanceof HttpRequest && (inRequest || inResponse))) {
            if (message instanceof HttpRequest && http.pipeline().equals("reject")) {
                ReferenceCountUtil.release(message);
                fail(ResetCause.HTTP_PIPELINE, "a pipelined request");
                return;
            }
            queued.add((HttpObject) message);
            return;
        }
        handle((HttpObject) message);
    }

    private void handle(HttpObject message) {
        if (message instanceof HttpRequest request) {
            request(request);
        } else if (message instanceof HttpContent content) {
            requestContent(content);
        } else {
            ReferenceCountUtil.release(message);
        }
    }

    private void request(HttpRequest request) {
        headerTimer.clear();
        partialRequest = false;
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            ReferenceCountUtil.release(request);
            fail(result.cause() instanceof TooLongFrameException ? ResetCause.HTTP_HEADER_SIZE
                    : ResetCause.HTTP_PARSE_ERROR, result.cause().getMessage());
            return;
        }
        if (request.headers().size() > http.maxHeaderCount()) {
            fail(ResetCause.HTTP_HEADER_COUNT, request.headers().size() + " headers");
            return;
        }
        if (!http.knownMethods().contains(request.method().name()) && http.unknownMethod().equals("reject")) {
            fail(ResetCause.HTTP_UNKNOWN_METHOD, request.method().name());
            return;
        }
        tally.requestAccepted(request);
        balancing = request;
        rules.httpRequest(persistFacts, decision);
        balancing = null;
        if (decision.response().isPresent()) {
            LOG.debug("{}: an iRule answers {} {} with {}", virtual.fullPath(), client.remoteAddress(),
                    request.uri(), decision.response().get().status());
            respondAndClose(RuleResponses.of(decision.response().get(), client.alloc()));
            return;
        }
        if ((flow == null || oneConnect.isPresent()) && !select(request)) {
            return;
        }
        requests++;
        tally.requestSent(flow, requests);
        current = request;
        clientKeepAlive = HttpUtil.isKeepAlive(request);
        closeAfterResponse = !clientKeepAlive || (http.maxRequests() > 0 && requests >= http.maxRequests());
        inRequest = true;
        inResponse = true;
        responseStarted = false;
        discardingResponse = false;
        serverReusable = false;
        onReusedServer = false;
        requestHasBody = false;
        anyResponse = false;
        if (clientHost == null) {
            clientHost = ((InetSocketAddress) client.remoteAddress()).getAddress().getHostAddress();
        }
        HttpRewrites.requestToServer(request, http, clientHost);
        if (HttpUtil.is100ContinueExpected(request)) {
            toServer(request);
        } else {
            held = request;
        }
    }

    private void requestContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            content.release();
            fail(ResetCause.HTTP_PARSE_ERROR, content.decoderResult().cause().getMessage());
            return;
        }
        if (!inRequest) {
            content.release();
            return;
        }
        if (held != null) {
            toServer(held);
            held = null;
        }
        boolean last = content instanceof LastHttpContent;
        requestHasBody |= content.content().isReadable();
        toServer(content);
        if (last) {
            inRequest = false;
            startResponseTimer();
        }
    }

    /**
     * The load-balancing decision of this client connection at its first request (of each request
     * under oneconnect): the member its persistence cookie names, else by address persistence (as
     * on the L4 path, including {@code fallback-persistence}) or balancing; false when it failed (handled).
     */
    private boolean select(HttpRequest request) {
        PoolState pool = decision.pool().isPresent() ? context.pool(decision.pool().get()) : plan.pool();
        PoolState.Taken taken = null;
        if (pool != null) {
            VirtualPersistence persistence = context.persistence(virtual.fullPath());
            if (persistence != cookiesFor || pool != cookiesPool) {
                profileCookies = CookieSelection.of(persistence, pool, context.wallClock());
                cookiesFor = persistence;
                cookiesPool = pool;
            }
            cookies = decision.persistence() instanceof RuleDecision.ProfileDefault ? profileCookies : Optional.empty();
            if (cookies.isPresent()) {
                taken = cookies.get().select(request, pool, context.health());
            }
            if (taken == null) {
                balancing = request;
                PersistentSelection.Choice choice = context.selection().select(plan, persistence,
                        decision.persistence(), pool, persistFacts, context.health(), context.ticker().nanos());
                balancing = null;
                taken = choice == null ? null : choice.taken();
            }
        }
        if (taken == null) {
            fail(pool == null ? ResetCause.NO_POOL : ResetCause.NO_MEMBER_AVAILABLE, "no member");
            return false;
        }
        if (flow != null) {
            flow.nextRequest(taken);
            return true;
        }
        pool.serverSide().open();
        flow = new Flow(context.connections().nextId(), client, virtual, pool, taken, context,
                plan.virtual().transport().idleTimeoutSeconds(), plan.virtual().transport().resetOnTimeout());
        context.connections().add(flow);
        return true;
    }

    private void toServer(HttpObject message) {
        if (server != null && server.isActive() && outbox.isEmpty()) {
            server.write(message, server.voidPromise());
            return;
        }
        outbox.add(message);
        if (!connecting) {
            connect();
        }
    }

    private void connect() {
        connecting = true;
        server = null;
        InetSocketAddress clientAddress = (InetSocketAddress) client.remoteAddress();
        InetSocketAddress local = clientAddress == null ? null : plan.source().localFor(clientAddress);
        MemberState member = flow.taken().member();
        ServerConnectionPool.Key key = oneConnect.isPresent() ? reuseKey(flow.taken().configured().address(), local)
                : null;
        if (key != null) {
            ServerConnection idle = context.serverConnections().of(client.eventLoop()).take(key, oneConnect.get(),
                    oneConnectCounters, this);
            if (idle != null) {
                onReusedServer = true;
                use(idle.channel());
                return;
            }
            oneConnectCounters.opened();
        }
        open(member, key, local);
    }

    /** Opens a new server-side connection to the member (bound to {@code local} when not null). */
    private void open(MemberState member, ServerConnectionPool.Key key, InetSocketAddress local) {
        connecting = true;
        HttpSession session = this;
        InetSocketAddress clientAddress = (InetSocketAddress) client.remoteAddress();
        long openedNanos = context.ticker().nanos();
        Bootstrap bootstrap = new Bootstrap()
                .group(client.eventLoop())
                .channelFactory(context.transport().sockets())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, DataPlaneContext.CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        ServerConnection connection = new ServerConnection(channel, member, key, openedNanos, session);
                        channel.pipeline().addLast("count", new ByteCounter(connection::counted));
                        ServerHttpCodec.addTo(channel.pipeline(), new HttpDecoderConfig()
                                .setMaxHeaderSize(MAX_SERVER_HEADER_SIZE)
                                .setMaxInitialLineLength(MAX_SERVER_HEADER_SIZE)
                                .setMaxChunkSize(64 * 1024)
                                .setAllowPartialChunks(true)
                                .setHeadersFactory(KnownHeaderNames.HEADERS));
                        channel.pipeline().addLast("session", connection);
                    }
                });
        ChannelFuture connectFuture;
        InetSocketAddress address = member.configured().address();
        if (local != null) {
            context.transport().bindWithoutPort(bootstrap, plan.source().transparentFor(clientAddress));
            connectFuture = bootstrap.connect(address, local);
        } else {
            connectFuture = bootstrap.connect(address);
        }
        connectFuture.addListener((ChannelFuture f) -> connected(f));
    }

    private void connected(ChannelFuture f) {
        connecting = false;
        if (!f.isSuccess()) {
            releaseAll(outbox);
            LOG.debug("{}: server-side connection to {} failed: {}", virtual.fullPath(),
                    flow.taken().configured().address(), f.cause().getMessage());
            fail(DataPlaneContext.isOutOfFileDescriptors(f.cause()) ? ResetCause.FILE_DESCRIPTORS
                    : ResetCause.SERVER_CONNECT_FAILED, "server connect failed");
            return;
        }
        use(f.channel());
    }

    /** Makes a connected server-side connection this session's, and sends what waits for it. */
    private void use(Channel channel) {
        connecting = false;
        if (ended || !flow.attach(channel)) {
            channel.close();
            return;
        }
        server = channel;
        while (!outbox.isEmpty()) {
            server.write(outbox.poll(), server.voidPromise());
        }
        server.flush();
        server.read();
        readClient();
    }

    /** Reads the client when the exchange wants more from it and the server side can take it. */
    private void readClient() {
        if (ended || !client.isActive() || !queued.isEmpty()) {
            return;
        }
        if (upgraded || inRequest || !inResponse) {
            if (inRequest && held == null && (connecting || server == null || !server.isWritable())) {
                return;
            }
            client.read();
        }
    }

    private void readServer() {
        if (server != null && server.isActive() && client.isWritable()) {
            server.read();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (server != null) {
            server.flush();
        }
        readClient();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (client.isWritable()) {
            readServer();
        }
    }

    // ---- the server side ----

    @Override
    public void fromServer(Channel channel, Object message) {
        if (ended || channel != server) {
            ReferenceCountUtil.release(message);
            return;
        }
        anyResponse = true;
        if (message instanceof HttpResponse response) {
            lastStatusWasSwitching = response.status().code() == 101;
        }
        if (upgraded) {
            client.write(message, client.voidPromise());
            return;
        }
        if (!inResponse) {
            // Nothing was asked: a server that talks out of turn is not used again.
            ReferenceCountUtil.release(message);
            dropServer();
            return;
        }
        if (message instanceof HttpResponse response) {
            response(response);
        }
        if (message instanceof HttpContent content) {
            responseContent(content);
        }
    }

    private void response(HttpResponse response) {
        if (response.decoderResult().isFailure()) {
            fail(ResetCause.HTTP_SERVER_PARSE_ERROR, response.decoderResult().cause().getMessage());
            return;
        }
        responseTimer.clear();
        int status = response.status().code();
        if (status / 100 == 1 && status != 101) {
            informational = true;
            if (status == 100 && !HttpUtil.is100ContinueExpected(current)) {
                discardingResponse = true;
                return;
            }
            writer.answeringHead(false);
            client.write(response, client.voidPromise());
            return;
        }
        tally.response(flow, response);
        responseStarted = true;
        if (http.fallbackHost().isPresent() && http.fallbackStatusCodes().contains(status)) {
            LOG.info("{}: {} answered {} {}; redirecting {} to the fallback host", virtual.fullPath(),
                    flow.taken().member().memberPath(), status, current.uri(), client.remoteAddress());
            closeAfterResponse = true;
            discardingResponse = true;
            writer.answeringHead(false);
            client.writeAndFlush(HttpRewrites.fallbackRedirect(http.fallbackHost().get(), http.serverAgentName(),
                    client.alloc()));
            return;
        }
        boolean head = current.method().equals(HttpMethod.HEAD);
        boolean delimitedByClose = status != 101 && status != 204 && status != 304 && !head
                && !HttpUtil.isContentLengthSet(response) && !HttpUtil.isTransferEncodingChunked(response);
        if (delimitedByClose || (current.protocolVersion().equals(HttpVersion.HTTP_1_0)
                && HttpUtil.isTransferEncodingChunked(response))) {
            closeAfterResponse = true;
        }
        if (status == 101) {
            closeAfterResponse = false;
        }
        serverReusable = status != 101 && !delimitedByClose && HttpUtil.isKeepAlive(response);
        HttpRewrites.responseToClient(response, http, closeAfterResponse, current,
                flow.taken().configured().member().address());
        if (cookies.isPresent()) {
            cookies.get().respond(current, response, flow.pool(), flow.taken());
        }
        writer.answeringHead(head);
        client.write(response, client.voidPromise());
    }

    private void responseContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (content.decoderResult().isFailure()) {
            content.release();
            LOG.debug("{}: response from {} ended early: {}", virtual.fullPath(), flow.taken().member().memberPath(),
                    content.decoderResult().cause().getMessage());
            end(true);
            return;
        }
        if (informational) {
            if (last) {
                informational = false;
                boolean discarded = discardingResponse;
                discardingResponse = false;
                if (discarded) {
                    content.release();
                    return;
                }
            }
            client.write(content, client.voidPromise());
            return;
        }
        if (discardingResponse) {
            content.release();
        } else {
            client.write(content, client.voidPromise());
        }
        if (last) {
            exchangeDone();
        }
    }

    private void exchangeDone() {
        inResponse = false;
        boolean switching = current != null && responseStarted && HttpRewrites.isUpgrade(current)
                && server != null && ServerHttpCodec.isIn(server.pipeline()) && lastStatusWasSwitching;
        client.flush();
        if (switching) {
            switchProtocols();
            return;
        }
        if (inRequest) {
            // The server answered before the request ended: neither connection can be trusted to be in step.
            closeAfterResponse = true;
            dropServer();
        }
        if (oneConnect.isPresent()) {
            releaseServer();
        }
        if (closeAfterResponse) {
            end(false);
            return;
        }
        current = null;
        startHeaderTimer();
        drainQueue();
        if (server != null) {
            server.flush();
        }
        readClient();
        readServer();
    }

    private void drainQueue() {
        while (!queued.isEmpty() && !ended && !(inResponse && !inRequest)) {
            HttpObject next = queued.poll();
            if (next instanceof HttpRequest && (inRequest || inResponse)) {
                queued.addFirst(next);
                return;
            }
            handle(next);
        }
    }

    /** After 101 Switching Protocols: both sides stop parsing HTTP and forward bytes as they come. */
    private void switchProtocols() {
        upgraded = true;
        tally.switchedProtocols();
        releaseAll(queued);
        client.pipeline().remove(HttpResponseWriter.class);
        client.pipeline().remove(StrictRequestDecoder.class);
        ServerHttpCodec.removeFrom(server.pipeline());
        client.read();
        server.read();
    }

    private void forwardToServer(Object message) {
        if (server == null) {
            ReferenceCountUtil.release(message);
            return;
        }
        server.write(message, server.voidPromise());
    }

    /**
     * oneconnect: the response was read to its end, so the server connection leaves this client
     * connection: parked in the loop's idle pool when the server allows reuse and the profile's
     * limits do, closed otherwise. The member is balanced again at the next request.
     */
    private void releaseServer() {
        if (server == null) {
            return;
        }
        Channel released = server;
        server = null;
        flow.betweenRequests(released);
        if (!serverReusable || !context.serverConnections().of(client.eventLoop())
                .park(ServerConnection.of(released), oneConnect.get(), oneConnectCounters)) {
            released.close();
        }
    }

    /** Closes the server-side connection; it is never used again (its response was not read to its end). */
    private void dropServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void serverReadComplete(Channel channel) {
        if (channel != server) {
            return;
        }
        client.flush();
        readServer();
    }

    @Override
    public void countFromServer(int bytes) {
        if (flow != null) {
            flow.countFromServer(bytes);
        }
    }

    @Override
    public void serverWritable(Channel channel) {
        if (channel == server && channel.isWritable()) {
            readClient();
        }
    }

    @Override
    public void serverInactive(Channel channel) {
        if (channel != server || ended) {
            return;
        }
        server = null;
        if (upgraded || responseStarted && inResponse) {
            end(!upgraded);
        } else if (retriable()) {
            retry();
        } else if (inResponse) {
            LOG.debug("{}: {} closed before answering", virtual.fullPath(), flow.taken().member().memberPath());
            fail(ResetCause.SERVER_CONNECT_FAILED, "the server closed before answering");
        }
    }

    /**
     * A reused idle connection the server closed before it sent any of the response: the server
     * cannot have acted on the request, so a request without a body is sent once more on a new
     * connection. Nothing else is ever retried (a request with a body, or one the server started
     * answering, may have had effects).
     */
    private boolean retriable() {
        return onReusedServer && inResponse && !inRequest && !anyResponse && !requestHasBody && current != null;
    }

    private void retry() {
        LOG.debug("{}: the idle connection to {} was closed by the server; sending {} on a new connection",
                virtual.fullPath(), flow.taken().member().memberPath(), current.uri());
        onReusedServer = false;
        outbox.add(current);
        outbox.add(LastHttpContent.EMPTY_LAST_CONTENT);
        InetSocketAddress clientAddress = (InetSocketAddress) client.remoteAddress();
        InetSocketAddress local = clientAddress == null ? null : plan.source().localFor(clientAddress);
        oneConnectCounters.opened();
        open(flow.taken().member(), reuseKey(flow.taken().configured().address(), local), local);
    }

    /** oneconnect: the reuse key for a member and source, made again only when either changed since the last request. */
    private ServerConnectionPool.Key reuseKey(InetSocketAddress member, InetSocketAddress local) {
        if (reuseKey == null || reuseKey.member() != member || !Objects.equals(reuseKeySource, local)) {
            reuseKey = oneConnect.get().key(member, local);
            reuseKeySource = local;
        }
        return reuseKey;
    }

    // ---- failures, timers and the end ----

    /**
     * A request the appliance will not carry, or no server to carry it: a redirect to the
     * fallback host when the profile has one and the cause is a load-balancing or connect
     * failure, an error page when {@code tm.gatehouse.http.errorpage} is enabled, a reset (counted
     * by cause) otherwise.
     */
    private void fail(ResetCause cause, String detail) {
        if (ended) {
            return;
        }
        boolean lbFailure = cause == ResetCause.NO_POOL || cause == ResetCause.NO_MEMBER_AVAILABLE
                || cause == ResetCause.SERVER_CONNECT_FAILED;
        if (!responseStarted && lbFailure && http.fallbackHost().isPresent()) {
            LOG.info("{}: {} ({}); redirecting {} to {}", virtual.fullPath(), cause.words(), detail,
                    client.remoteAddress(), http.fallbackHost().get());
            respondAndClose(HttpRewrites.fallbackRedirect(http.fallbackHost().get(), http.serverAgentName(),
                    client.alloc()));
            return;
        }
        if (!responseStarted && system.errorPage()) {
            LOG.info("{}: {} ({}); answering {} with an error page", virtual.fullPath(), cause.words(), detail,
                    client.remoteAddress());
            respondAndClose(HttpRewrites.errorPage(HttpRewrites.statusFor(cause), cause, http.serverAgentName(),
                    client.alloc()));
            return;
        }
        context.count(cause);
        LOG.info("{}: resetting {}: {} ({})", virtual.fullPath(), client.remoteAddress(), cause.words(), detail);
        end(true);
    }

    private void respondAndClose(HttpResponse response) {
        responseStarted = true;
        writer.answeringHead(false);
        dropServer();
        client.writeAndFlush(response);
        end(false);
    }

    private void startHeaderTimer() {
        headerTimer.arm(system.headerTimeoutSeconds(), TimeUnit.SECONDS);
    }

    /**
     * No complete request head in time: a client that started one is too slow (slowloris) and is
     * failed; an idle keep-alive connection is closed quietly.
     */
    private void headerTimeout() {
        if (!partialRequest && queued.isEmpty()) {
            end(false);
        } else {
            fail(ResetCause.HTTP_HEADER_TIMEOUT, "no complete request header in " + system.headerTimeoutSeconds()
                    + " s");
        }
    }

    private void startResponseTimer() {
        responseTimer.arm(system.responseTimeoutSeconds(), TimeUnit.SECONDS);
    }

    private static void releaseAll(Deque<HttpObject> objects) {
        while (!objects.isEmpty()) {
            ReferenceCountUtil.release(objects.poll());
        }
    }

    /** Ends the client connection (and the server side), with a reset when asked; gives back every count. */
    private void end(boolean reset) {
        if (ended) {
            return;
        }
        ended = true;
        headerTimer.stop();
        responseTimer.stop();
        releaseAll(queued);
        releaseAll(outbox);
        if (held != null) {
            ReferenceCountUtil.release(held);
            held = null;
        }
        if (flow != null) {
            if (server != null) {
                flow.attach(server);
            }
            flow.end(reset);
        } else {
            virtual.clientSide().close();
            if (reset) {
                Flow.resetNow(client);
            } else {
                client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            if (upgraded && server != null) {
                server.writeAndFlush(Unpooled.EMPTY_BUFFER);
                end(false);
            } else if (inResponse && !inRequest) {
                closeAfterResponse = true;
            } else {
                end(inRequest);
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end(false);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof OutOfMemoryError) {
            context.count(ResetCause.MEMORY);
        }
        LOG.debug("{}: client-side connection {} failed: {}", virtual.fullPath(), client.remoteAddress(),
                cause.toString());
        end(true);
    }
}
