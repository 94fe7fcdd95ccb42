package io.stagegate.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The simulated deal property definitions and groups under {@code /sandbox/hubspot/crm/v3/properties/deals}: read,
 * and create as Stagegate's install step does (hubspot.md §5).
 */
@Path("/sandbox/hubspot/crm/v3/properties/{objectType}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sandbox HubSpot")
public class HubSpotPropertiesResource {
    /** Internal names: lowercase letters, digits and underscores, starting with a letter. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,99}");

    private final HubSpotPortal portal;
    private final HubSpotCalls calls;
    private final ObjectMapper mapper;

    HubSpotPropertiesResource(HubSpotPortal portal, HubSpotCalls calls, ObjectMapper mapper) {
        this.portal = portal;
        this.calls = calls;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "Every deal property definition")
    public PropertyViews.Results<PropertyViews.PropertyView> properties(@PathParam("objectType") String objectType, @QueryParam("archived") String archived,
            @QueryParam("properties") List<String> names) {
        calls.admit("GET /crm/v3/properties/deals");
        HubSpotRequests.requireDeals(objectType);
        List<PropertyViews.PropertyView> views = new ArrayList<>();
        if (!"true".equalsIgnoreCase(archived)) {
            Set<String> wanted = new HashSet<>(HubSpotRequests.csv(names));
            portal.schema.all().stream().filter(definition -> wanted.isEmpty() || wanted.contains(definition.name()))
                    .forEach(definition -> views.add(PropertyViews.view(definition)));
        }
        return new PropertyViews.Results<>(views);
    }

    @GET
    @Path("/{propertyName}")
    @Operation(summary = "One deal property definition")
    public PropertyViews.PropertyView property(@PathParam("objectType") String objectType, @PathParam("propertyName") String name) {
        calls.admit("GET /crm/v3/properties/deals/{propertyName}");
        HubSpotRequests.requireDeals(objectType);
        return PropertyViews.view(portal.schema.get(name)
                .orElseThrow(() -> HubSpotApiException.notFound("Unable to find property with name " + name + " for object type 0-3", null)));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create a deal property (201; 409 when the name exists)")
    public Response create(@PathParam("objectType") String objectType, String body) {
        calls.admit("POST /crm/v3/properties/deals");
        HubSpotRequests.requireDeals(objectType);
        PropertyDefinition definition = definition(HubSpotRequests.json(body, mapper));
        if (!portal.schema.addIfAbsent(definition)) {
            throw HubSpotApiException.conflict("Property named '" + definition.name() + "' already exists.");
        }
        return Response.status(201).entity(PropertyViews.view(definition)).build();
    }

    @GET
    @Path("/groups")
    @Operation(summary = "Every deal property group")
    public PropertyViews.Results<PropertyGroup> groups(@PathParam("objectType") String objectType) {
        calls.admit("GET /crm/v3/properties/deals/groups");
        HubSpotRequests.requireDeals(objectType);
        return new PropertyViews.Results<>(portal.schema.groups());
    }

    @GET
    @Path("/groups/{groupName}")
    @Operation(summary = "One deal property group")
    public PropertyGroup group(@PathParam("objectType") String objectType, @PathParam("groupName") String name) {
        calls.admit("GET /crm/v3/properties/deals/groups/{groupName}");
        HubSpotRequests.requireDeals(objectType);
        return portal.schema.group(name).orElseThrow(() -> HubSpotApiException.notFound("Unable to find property group with name " + name, null));
    }

    @POST
    @Path("/groups")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create a deal property group (201; 409 when the name exists)")
    public Response createGroup(@PathParam("objectType") String objectType, String body) {
        calls.admit("POST /crm/v3/properties/deals/groups");
        HubSpotRequests.requireDeals(objectType);
        JsonNode root = HubSpotRequests.json(body, mapper);
        String name = HubSpotRequests.text(root.get("name"));
        String label = HubSpotRequests.text(root.get("label"));
        requireFields(name == null ? "name" : null, label == null ? "label" : null);
        checkName(name, "property group");
        JsonNode order = root.get("displayOrder");
        PropertyGroup group = new PropertyGroup(name, label, order == null || order.isNull() ? -1 : order.asInt(-1), false);
        if (!portal.schema.addGroup(group)) {
            throw HubSpotApiException.conflict("A property group named '" + name + "' already exists.");
        }
        return Response.status(201).entity(group).build();
    }

    private PropertyDefinition definition(JsonNode root) {
        String name = HubSpotRequests.text(root.get("name"));
        String label = HubSpotRequests.text(root.get("label"));
        String typeName = HubSpotRequests.text(root.get("type"));
        String fieldType = HubSpotRequests.text(root.get("fieldType"));
        String groupName = HubSpotRequests.text(root.get("groupName"));
        requireFields(name == null ? "name" : null, label == null ? "label" : null, typeName == null ? "type" : null,
                fieldType == null ? "fieldType" : null, groupName == null ? "groupName" : null);
        checkName(name, "property");
        PropertyType type = PropertyType.byApiName(typeName);
        if (type == null) {
            throw HubSpotApiException.validation("Invalid property type '" + typeName + "'; expected one of string, number, bool, enumeration, date, datetime");
        }
        if (!type.allows(fieldType)) {
            throw HubSpotApiException.validation("Invalid fieldType '" + fieldType + "' for a property of type " + typeName + "; allowed: " + type.fieldTypes());
        }
        if (portal.schema.group(groupName).isEmpty()) {
            throw HubSpotApiException.validation("Property group '" + groupName + "' does not exist");
        }
        List<PropertyOption> options = options(root.get("options"));
        if (type == PropertyType.BOOL && options.isEmpty()) {
            options = PropertySchema.boolOptions();
        }
        if (type == PropertyType.ENUMERATION && options.isEmpty()) {
            throw HubSpotApiException.validation("A property of type enumeration needs at least one option");
        }
        JsonNode order = root.get("displayOrder");
        Instant now = Instant.now(portal.clock()).truncatedTo(ChronoUnit.MILLIS);
        return new PropertyDefinition(name, label, type, fieldType, groupName, HubSpotRequests.text(root.get("description")), options,
                order == null || order.isNull() ? -1 : order.asInt(-1), false, false, false, root.path("hasUniqueValue").asBoolean(false), false,
                HubSpotRequests.text(root.get("numberDisplayHint")), now);
    }

    private static List<PropertyOption> options(JsonNode node) {
        List<PropertyOption> options = new ArrayList<>();
        if (node == null || node.isNull()) {
            return options;
        }
        if (!node.isArray()) {
            throw HubSpotApiException.validation("options must be an array");
        }
        Set<String> values = new HashSet<>();
        for (JsonNode option : node) {
            String label = HubSpotRequests.text(option.get("label"));
            String value = HubSpotRequests.text(option.get("value"));
            if (label == null || value == null) {
                throw HubSpotApiException.validation("Every option needs a label and a value");
            }
            if (!values.add(value)) {
                throw HubSpotApiException.validation("Duplicate option value '" + value + "'");
            }
            options.add(new PropertyOption(label, value, HubSpotRequests.text(option.get("description")),
                    option.path("displayOrder").asInt(options.size()), option.path("hidden").asBoolean(false)));
        }
        return options;
    }

    private static void requireFields(String... missing) {
        List<String> names = new ArrayList<>();
        for (String name : missing) {
            if (name != null) {
                names.add(name);
            }
        }
        if (!names.isEmpty()) {
            throw HubSpotApiException.validation("Invalid input JSON: Some required fields were not set: " + names);
        }
    }

    private static void checkName(String name, String what) {
        if (!NAME.matcher(name).matches()) {
            throw HubSpotApiException.validation("Invalid " + what + " name '" + name
                    + "': use lowercase letters, digits and underscores, starting with a letter (at most 100 characters)");
        }
    }
}
