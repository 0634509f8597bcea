package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test client for the management port over real HTTPS, trusting exactly the appliance's device
 * certificate; it authenticates with a token or with Basic credentials.
 */
final class MgmtClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A status and the JSON body that came with it (an empty object for an empty body). */
    record Answer(int status, JsonNode body) {
    }

    private final HttpClient http;
    private final int port;
    private final String[] auth;

    private MgmtClient(HttpClient http, int port, String... auth) {
        this.http = http;
        this.port = port;
        this.auth = auth;
    }

    /** The appliance's device certificate, which the management API presents. */
    static X509Certificate deviceCertificate(net.gatehouse.appliance.Appliance appliance) {
        try {
            return appliance.crypto().deviceCertificate();
        } catch (net.gatehouse.appliance.crypto.KeySlotException e) {
            throw new IllegalStateException(e);
        }
    }

    static MgmtClient trusting(X509Certificate certificate, int port) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("device", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            HttpClient http = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10))
                    .build();
            return new MgmtClient(http, port);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    MgmtClient withBasic(String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return new MgmtClient(http, port, "Authorization", "Basic " + credentials);
    }

    MgmtClient withToken(String token) {
        return new MgmtClient(http, port, AuthFilter.TOKEN_HEADER, token);
    }

    MgmtClient anonymous() {
        return new MgmtClient(http, port);
    }

    /** A status, the response headers and the body as bytes, for downloads. */
    record Download(int status, java.net.http.HttpHeaders headers, byte[] body) {
    }

    /** A GET whose answer is bytes, with extra headers (name, value, name, value...). */
    Download download(String path, String... headers) {
        return downloadWithBody(path, null, headers);
    }

    /** A GET with a JSON body (as F5's download helper sends one) whose answer is bytes. */
    Download downloadWithBody(String path, String jsonBody, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).method("GET", jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (auth.length == 2) {
            request.header(auth[0], auth[1]);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, String body) {
        return send("POST", path, body);
    }

    Answer put(String path, String body) {
        return send("PUT", path, body);
    }

    Answer patch(String path, String body) {
        return send("PATCH", path, body);
    }

    Answer delete(String path) {
        return send("DELETE", path, null);
    }

    Answer send(String method, String path, String body) {
        return send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** A request with a body of any type and extra headers (name, value, name, value...). */
    Answer send(String method, String path, byte[] body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (auth.length == 2) {
            request.header(auth[0], auth[1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Answer(response.statusCode(), text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
