package io.stagegate.crm.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Playbook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** HubSpot answers for WireMock, shaped as hubspot.md documents them, and readers of what the connector sent. */
final class HubSpotStubs {
    static final String SEARCH = "/crm/v3/objects/deals/search";
    static final String BATCH_READ = "/crm/v3/objects/deals/batch/read";
    static final String BATCH_UPDATE = "/crm/v3/objects/deals/batch/update";
    static final String PROPERTIES = "/crm/v3/properties/deals";
    static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer wireMock;

    HubSpotStubs(WireMockServer wireMock) {
        this.wireMock = wireMock;
    }

    /** The portal's deal properties: the standard ones, the playbook's criteria (dates and checkboxes) and outputs. */
    void properties(Playbook playbook) {
        ObjectNode listing = JSON.createObjectNode();
        ArrayNode results = listing.putArray("results");
        for (String standard : List.of("dealstage", "pipeline", "amount", "deal_currency_code", "closedate", "hubspot_owner_id",
                "hs_v2_date_entered_current_stage", "num_associated_contacts")) {
            String type = switch (standard) {
                case "amount", "num_associated_contacts" -> "number";
                case "closedate", "hs_v2_date_entered_current_stage" -> "datetime";
                default -> "enumeration";
            };
            results.addObject().put("name", standard).put("type", type).put("groupName", "dealinformation");
        }
        for (String criterion : playbook.criteriaFields()) {
            results.addObject().put("name", criterion).put("type", criterion.endsWith("_date") ? "date" : "bool").put("groupName", "exit_criteria");
        }
        for (OutputField output : OutputField.values()) {
            results.addObject().put("name", playbook.outputField(output)).put("type", OutputProperties.type(output)).put("groupName", "stagegate");
        }
        wireMock.stubFor(get(urlPathEqualTo(PROPERTIES)).willReturn(okJson(listing.toString())));
    }

    /** A deal as search returns it: id and stamps. */
    static ObjectNode hit(long id, String modified) {
        ObjectNode deal = JSON.createObjectNode().put("id", Long.toString(id));
        deal.putObject("properties").put("hs_object_id", Long.toString(id)).put("hs_lastmodifieddate", modified).putNull("createdate");
        deal.put("archived", false);
        return deal;
    }

    static String searchPage(List<ObjectNode> hits, long total, String nextAfter) {
        ObjectNode page = JSON.createObjectNode().put("total", total);
        page.putArray("results").addAll(hits);
        if (nextAfter != null) {
            page.putObject("paging").putObject("next").put("after", nextAfter);
        }
        return page.toString();
    }

    static ObjectNode deal(long id, String modified) {
        ObjectNode deal = hit(id, modified);
        ObjectNode properties = (ObjectNode) deal.get("properties");
        properties.put("dealstage", "qualifiedtobuy").put("pipeline", "default").put("amount", "1000").putNull("closedate");
        return deal;
    }

    static String batch(List<ObjectNode> deals) {
        ObjectNode body = JSON.createObjectNode().put("status", "COMPLETE");
        body.putArray("results").addAll(deals);
        return body.toString();
    }

    static ResponseDefinitionBuilder error(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    List<LoggedRequest> requests(String path) {
        return wireMock.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    List<JsonNode> bodies(String path) {
        return requests(path).stream().map(request -> json(request.getBodyAsString())).toList();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
