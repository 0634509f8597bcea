package net.gatehouse.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * tmsh on a running appliance over its iControl REST API: one token login
 * ({@code POST /mgmt/shared/authn/login}), then each command line as BIG-IP's clients send it,
 * {@code POST /mgmt/tm/util/bash} with {@code -c 'tmsh -c "command; command"'}, answering
 * {@code commandResult}.
 */
final class RemoteTmsh {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The appliance could not be reached, or it refused the login or the token; the message says why. */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message);
        }
    }

    /** What one command line did: its output, and whether the appliance refused it. */
    record Result(String output, boolean failed) {
    }

    private final HttpClient http;
    private final URI base;
    private final String token;

    private RemoteTmsh(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** Logs in to {@code https://host:port} and keeps the token for the commands that follow. */
    static RemoteTmsh login(TmshOptions options, String password) throws Unreachable {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (options.insecure()) {
            builder.sslContext(trustingEveryCertificate());
        }
        HttpClient http = builder.build();
        URI base = URI.create("https://" + hostInUri(options.host()) + ":" + options.port());
        ObjectNode body = JSON.createObjectNode();
        body.put("username", options.user());
        body.put("password", password);
        body.put("loginProviderName", "tmos");
        HttpResponse<String> response = send(http, base, post(base, "/mgmt/shared/authn/login", body));
        if (response.statusCode() != 200) {
            throw new Unreachable("login as " + options.user() + " to " + base + " failed: HTTP "
                    + response.statusCode() + " " + message(response.body()));
        }
        String token = parse(response.body()).path("token").path("token").asText("");
        if (token.isEmpty()) {
            throw new Unreachable("login as " + options.user() + " to " + base + " answered no token");
        }
        return new RemoteTmsh(http, base, token);
    }

    /** Runs one tmsh command line ({@code cmd; cmd} allowed) on the appliance. */
    Result run(String commands) throws Unreachable {
        ObjectNode body = JSON.createObjectNode();
        body.put("command", "run");
        body.put("utilCmdArgs", utilCmdArgs(commands));
        HttpRequest request = HttpRequest.newBuilder(post(base, "/mgmt/tm/util/bash", body), (name, value) -> true)
                .header("X-F5-Auth-Token", token).build();
        HttpResponse<String> response = send(http, base, request);
        if (response.statusCode() == 401) {
            throw new Unreachable(base + " no longer accepts the login token: " + message(response.body()));
        }
        if (response.statusCode() != 200) {
            return new Result(message(response.body()) + "\n", true);
        }
        String output = parse(response.body()).path("commandResult").asText("");
        return new Result(output, TmshErrors.isFailure(output));
    }

    /**
     * The {@code utilCmdArgs} that runs {@code commands} in tmsh: {@code -c 'tmsh -c "..."'}, with the
     * commands escaped for the double quotes and the whole for the single quotes, as a POSIX shell
     * reads them (a single quote becomes {@code '\''}).
     */
    static String utilCmdArgs(String commands) {
        StringBuilder escaped = new StringBuilder();
        for (char c : commands.toCharArray()) {
            if (c == '"' || c == '\\' || c == '$' || c == '`') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        String tmsh = "tmsh -c \"" + escaped + "\"";
        return "-c '" + tmsh.replace("'", "'\\''") + "'";
    }

    private static HttpRequest post(URI base, String path, JsonNode body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private static HttpResponse<String> send(HttpClient http, URI base, HttpRequest request) throws Unreachable {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (SSLHandshakeException e) {
            throw new Unreachable("cannot verify the certificate of " + base + " (" + e.getMessage()
                    + "); the appliance's certificate is self-signed: trust it in the JDK or use --insecure");
        } catch (IOException e) {
            throw new Unreachable("cannot reach " + base + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while talking to " + base);
        }
    }

    /** The first message in the cause chain; the JDK's refused connections carry none, so they are named. */
    private static String describe(IOException e) {
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        return e instanceof ConnectException || e.getCause() instanceof ConnectException
                ? "connection refused (is the appliance up, and is this its management port?)"
                : e.getClass().getSimpleName();
    }

    private static JsonNode parse(String body) throws Unreachable {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new Unreachable("the appliance answered something that is not JSON: " + e.getMessage());
        }
    }

    /** The {@code message} of an iControl REST error body, else the body itself. */
    private static String message(String body) {
        try {
            JsonNode message = JSON.readTree(body).path("message");
            return message.isTextual() ? message.asText() : body.strip();
        } catch (IOException e) {
            return body.strip();
        }
    }

    private static String hostInUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** {@code --insecure}: accepts any certificate for any name, as {@code curl -k} does. */
    private static SSLContext trustingEveryCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingEveryone()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS context", e);
        }
    }

    /** An extended trust manager, so that the JDK does not add its own host name check around it. */
    private static final class TrustingEveryone extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // --insecure: every certificate is accepted
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // --insecure: every certificate is accepted
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // --insecure: every certificate is accepted
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // --insecure: every certificate is accepted
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // --insecure: every certificate is accepted
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // --insecure: every certificate is accepted
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
