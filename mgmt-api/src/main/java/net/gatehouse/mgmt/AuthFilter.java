package net.gatehouse.mgmt;

import net.gatehouse.appliance.auth.UserAccounts;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;

/**
 * Every request but the login carries either an {@code X-F5-Auth-Token} header with a valid token
 * or HTTP Basic credentials of a local user; the caller becomes the request's user principal. A token
 * stops working as soon as its user is deleted, loses all access or is locked out.
 */
@Priority(Priorities.AUTHENTICATION)
final class AuthFilter implements ContainerRequestFilter {

    static final String TOKEN_HEADER = "X-F5-Auth-Token";
    private static final String LOGIN_PATH = "mgmt/shared/authn/login";

    private final Tokens tokens;
    private final UserAccounts users;

    AuthFilter(Tokens tokens, UserAccounts users) {
        this.tokens = tokens;
        this.users = users;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.equals(LOGIN_PATH) || path.equals("/" + LOGIN_PATH)) {
            return;
        }
        String user = authenticate(request).orElseThrow(() -> new RestError(401,
                "Authorization failed: no valid user authentication header or token detected. Uri:/" + path));
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> user;
            }

            @Override
            public boolean isUserInRole(String role) {
                return true;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "F5-TOKEN";
            }
        });
    }

    private Optional<String> authenticate(ContainerRequestContext request) {
        String token = request.getHeaderString(TOKEN_HEADER);
        if (token != null && !token.isBlank()) {
            return tokens.valid(token.strip()).map(Tokens.Token::user).filter(users::active);
        }
        String authorization = request.getHeaderString("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon > 0 && users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1))) {
                return Optional.of(decoded.substring(0, colon));
            }
        }
        return Optional.empty();
    }
}
