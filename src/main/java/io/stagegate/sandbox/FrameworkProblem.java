package io.stagegate.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * A refusal that reached a simulated CRM's path as an RFC 9457 problem detail: the framework's own errors (unknown path,
 * wrong method, unexpected failure), rendered by whatever exception mappers the application has. It is recognised by
 * its media type, not by a class of the product, so that the simulator stands beside the product and can put the error
 * into its CRM's own shape.
 *
 * @param status the HTTP status
 * @param title  the problem's title
 * @param detail the problem's detail, if any
 */
public record FrameworkProblem(int status, String title, String detail) {
    static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The problem the response carries, if it carries one. */
    public static Optional<FrameworkProblem> of(ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type == null || response.getEntity() == null || !MEDIA_TYPE.equalsIgnoreCase(type.getType() + "/" + type.getSubtype())) {
            return Optional.empty();
        }
        JsonNode body = JSON.valueToTree(response.getEntity());
        return Optional.of(new FrameworkProblem(response.getStatus(), text(body, "title"), text(body, "detail")));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
