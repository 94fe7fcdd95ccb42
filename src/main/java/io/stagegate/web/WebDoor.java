package io.stagegate.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * What a page answers to a caller without a session or token: a browser (it asks for HTML) is sent to sign in and
 * brought back; anything else gets the API's 401 problem, so scripts and probes see the same door everywhere.
 */
final class WebDoor {
    private WebDoor() {
    }

    static Response signIn(HttpHeaders headers, UriInfo uri, Response otherwise) {
        boolean browser = headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> !type.isWildcardType() && type.isCompatible(MediaType.TEXT_HTML_TYPE));
        if (!browser) {
            return otherwise;
        }
        URI target = UriBuilder.fromPath("/ui/signin").queryParam("next", local(uri.getRequestUri())).build();
        return Response.seeOther(target).build();
    }

    /** Only a path of this service: never a URL that would send the browser to another site after signing in. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.length() > 2000) {
            return "/ui/forecast";
        }
        return next;
    }

    private static String local(URI requested) {
        return requested.getRawPath() + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery());
    }
}
