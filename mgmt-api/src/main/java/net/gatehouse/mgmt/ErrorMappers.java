package net.gatehouse.mgmt;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure leaves as JSON in iControl REST's error shape, never as an HTML page. */
final class ErrorMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers() {
    }

    /** Errors the resources raise. */
    static final class RestErrors implements ExceptionMapper<RestError> {
        @Override
        public Response toResponse(RestError error) {
            return error.response();
        }
    }

    /** Jersey's own refusals: unknown paths, unsupported methods. */
    static final class JaxRsErrors implements ExceptionMapper<WebApplicationException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(WebApplicationException e) {
            String path = "/" + uri.getPath();
            if (e instanceof NotFoundException) {
                return (path.startsWith("/mgmt/shared/") ? publicPathNotRegistered(path) : notRegistered(path))
                        .response();
            }
            if (e instanceof NotAllowedException) {
                return new RestError(405, "Method not allowed on " + path).response();
            }
            return new RestError(e.getResponse().getStatus(), e.getMessage()).response();
        }
    }

    /** Anything unexpected: logged with its cause, answered with 500. */
    static final class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof RestError error) {
                return error.response();
            }
            if (e instanceof WebApplicationException web) {
                return new RestError(web.getResponse().getStatus(), web.getMessage()).response();
            }
            LOG.error("The management API failed on a request", e);
            return new RestError(500, "Internal error: " + e.getClass().getSimpleName()).response();
        }
    }

    /** BIG-IP's answer for a URI it does not serve. */
    /**
     * An iControl LX path that is not installed ({@code /mgmt/shared/appsvcs/...} on a box without
     * AS3): 404, as BIG-IP answers, so clients see the extension is absent.
     */
    static RestError publicPathNotRegistered(String path) {
        return new RestError(404, "Public URI path not registered: " + path.substring("/mgmt".length()));
    }

    static RestError notRegistered(String path) {
        return new RestError(400, "URI path " + path + " not registered.  Please verify URI is supported and wait for"
                + " /available suffix to be responsive.");
    }
}
