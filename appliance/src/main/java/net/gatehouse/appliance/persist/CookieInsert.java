package net.gatehouse.appliance.persist;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** {@link CookiePersistence} from a cookie profile's settings. */
final class CookieInsert implements CookiePersistence {

    /** The date form BIG-IP writes in {@code expires}: {@code Sun, 29-Nov-2026 09:00:00 GMT}. */
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter
            .ofPattern("EEE, dd-MMM-yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final PersistProfile.CookieSettings settings;
    private final String name;
    private final int routeDomain;
    private final Clock clock;

    CookieInsert(PersistProfile.CookieSettings settings, String name, int routeDomain, Clock clock) {
        this.settings = settings;
        this.name = name;
        this.routeDomain = routeDomain;
        this.clock = clock;
    }

    @Override
    public String cookieName() {
        return name;
    }

    @Override
    public Optional<BigipCookie.Target> choose(String cookieHeader) {
        if (settings.method().equals("hash")) {
            return Optional.empty();
        }
        return value(cookieHeader).flatMap(this::readable).flatMap(BigipCookie::decode);
    }

    @Override
    public boolean inIssuedForm(String cookieHeader) {
        return value(cookieHeader).filter(v -> CookieCipher.isEncrypted(v) == settings.encrypts()).isPresent();
    }

    /**
     * The plain value of a request's cookie under {@code cookie-encryption}: {@code disabled} reads it
     * as it is; {@code preferred} opens an encrypted value and reads a plain one as it is;
     * {@code required} honours only encrypted values.
     */
    private Optional<String> readable(String value) {
        if (!settings.encrypts()) {
            return Optional.of(value);
        }
        if (CookieCipher.isEncrypted(value)) {
            return settings.cipher().orElseThrow().open(value, name);
        }
        return settings.encryption().equals("required") ? Optional.empty() : Optional.of(value);
    }

    @Override
    public Optional<String> hashKey(String cookieHeader) {
        return settings.method().equals("hash") ? value(cookieHeader) : Optional.empty();
    }

    @Override
    public Optional<String> insert(InetSocketAddress member, boolean requestCarriedValid) {
        String method = settings.method();
        if (method.equals("passive") || method.equals("hash") || (requestCarriedValid && !settings.alwaysSend())) {
            return Optional.empty();
        }
        String value = BigipCookie.encode(member.getAddress(), member.getPort(), routeDomain);
        StringBuilder cookie = new StringBuilder(name).append('=')
                .append(settings.encrypts() ? settings.cipher().orElseThrow().seal(value, name) : value);
        if (settings.expirationSeconds() > 0) {
            cookie.append("; expires=")
                    .append(EXPIRES.format(clock.instant().plusSeconds(settings.expirationSeconds())));
        }
        cookie.append("; path=/");
        if (settings.httpOnly()) {
            cookie.append("; Httponly");
        }
        if (settings.secure()) {
            cookie.append("; Secure");
        }
        return Optional.of(cookie.toString());
    }

    /** This cookie's value in a {@code Cookie} header ({@code a=1; BIGipServerweb=...}). */
    private Optional<String> value(String cookieHeader) {
        if (cookieHeader == null) {
            return Optional.empty();
        }
        for (String pair : cookieHeader.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).strip().equals(name)) {
                return Optional.of(pair.substring(equals + 1).strip());
            }
        }
        return Optional.empty();
    }
}
