package io.stagegate.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagegate.criteria.Evaluator;
import io.stagegate.forecast.ForecastSummary;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.playbook.LoadedPlaybook;
import io.vertx.ext.web.RoutingContext;
import io.stagegate.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Stateless evaluation of a batch of opportunities against the active playbook or one sent with the request.
 * Request bodies are spooled to a temporary file and read twice, so batches of any size are evaluated in constant
 * memory and bad input is refused before the response starts. It changes nothing, but it evaluates with the active
 * playbook, whose stages and fields describe the CRM: viewer, like every read.
 */
@Path("/api/evaluate")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Evaluate")
public class EvaluateResource {
    private final ObjectMapper mapper;
    private final ActivePlaybook active;
    private final EvaluateAdmission admission;

    public EvaluateResource(ObjectMapper mapper, ActivePlaybook active, EvaluateAdmission admission) {
        this.mapper = JsonOpportunitySource.strict(mapper).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.active = active;
        this.admission = admission;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Evaluate opportunities sent as JSON",
            description = "Body: {\"playbook\": \"<optional YAML>\", \"asOf\": \"YYYY-MM-DD\", \"opportunities\": [{\"id\", \"stage\", \"amount\", "
                    + "\"currency\", \"closeDate\", \"owner\", \"pipeline\", \"fields\": {...}, \"relatedCounts\": {...}, "
                    + "\"stageEnteredOn\", \"history\": [{\"stage\", \"at\"}]}]} or a bare array of opportunities.")
    public Response evaluateJson(InputStream body,
            @Parameter(description = "Evaluate as of this day (YYYY-MM-DD) instead of today") @QueryParam("asOf") String asOf,
            @Parameter(description = "Return only the summary (true or false)") @QueryParam("summaryOnly") String summaryOnly,
            @Context RoutingContext routing) throws IOException {
        java.nio.file.Path file = spool(body, routing);
        try {
            JsonOpportunitySource.Header header = JsonOpportunitySource.header(mapper, file);
            LoadedPlaybook playbook = header.playbook() == null ? active.current() : LoadedPlaybook.load("the request's \"playbook\"", header.playbook());
            String day = header.asOf() != null ? header.asOf() : asOf;
            return run(file, BatchEvaluation.Format.JSON, null, playbook, day, summaryOnly);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(file);
            if (clientGone(routing)) {
                throw new IncompleteBodyException(e);
            }
            throw e;
        }
    }

    @POST
    @Consumes({"text/csv", "application/csv"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Evaluate a CRM export (CSV) against the active playbook",
            description = "The first row holds field API names (Id, StageName, Amount, CurrencyIsoCode, CloseDate, OwnerId, RecordTypeId, "
                    + "criteria fields ... or hs_object_id, dealstage, amount, ...); count(Relation) columns carry related-record counts.")
    public Response evaluateCsv(InputStream body, @QueryParam("asOf") String asOf, @QueryParam("summaryOnly") String summaryOnly,
            @Parameter(description = "Charset of the CSV when it is neither UTF-8 nor UTF-16 with a byte order mark, e.g. windows-1252; "
                    + "the Content-Type's charset parameter works too") @QueryParam("charset") String charset,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context RoutingContext routing) throws IOException {
        java.nio.file.Path file = spool(body, routing);
        try {
            return run(file, BatchEvaluation.Format.CSV, charset != null ? charset : charsetOf(contentType), active.current(), asOf, summaryOnly);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(file);
            if (clientGone(routing)) {
                throw new IncompleteBodyException(e);
            }
            throw e;
        }
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Evaluate an uploaded CSV or JSON file, optionally against an uploaded playbook",
            description = "Form parts: opportunities (a .csv or .json file), playbook (optional YAML text).")
    public Response evaluateUpload(@RestForm("opportunities") FileUpload opportunities, @RestForm("playbook") String playbookYaml,
            @QueryParam("asOf") String asOf, @QueryParam("summaryOnly") String summaryOnly, @QueryParam("charset") String charset,
            @Context RoutingContext routing) throws IOException {
        if (opportunities == null) {
            throw new BadInputException("the form has no \"opportunities\" file part");
        }
        java.nio.file.Path file = admission.spoolFile(routing);
        try {
            Files.copy(opportunities.uploadedFile(), file, StandardCopyOption.REPLACE_EXISTING);
            LoadedPlaybook playbook = playbookYaml == null || playbookYaml.isBlank() ? active.current() : LoadedPlaybook.load("the form's \"playbook\" part", playbookYaml);
            BatchEvaluation.Format format = isJson(opportunities) ? BatchEvaluation.Format.JSON : BatchEvaluation.Format.CSV;
            String day = asOf;
            if (format == BatchEvaluation.Format.JSON) {
                JsonOpportunitySource.Header header = JsonOpportunitySource.header(mapper, file);
                day = header.asOf() != null ? header.asOf() : asOf;
            }
            return run(file, format, charset != null ? charset : opportunities.charSet(), playbook, day, summaryOnly);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(file);
            if (clientGone(routing)) {
                throw new IncompleteBodyException(e);
            }
            throw e;
        }
    }

    /** A client that went away has had its spooled body removed; what fails after that is no fault of the service. */
    private static boolean clientGone(RoutingContext routing) {
        return routing.response().closed();
    }

    private static boolean isJson(FileUpload upload) {
        String type = upload.contentType() == null ? "" : upload.contentType().toLowerCase(Locale.ROOT);
        String name = upload.fileName() == null ? "" : upload.fileName().toLowerCase(Locale.ROOT);
        return type.contains("json") || name.endsWith(".json");
    }

    private Response run(java.nio.file.Path file, BatchEvaluation.Format format, String charset, LoadedPlaybook playbook, String asOf,
            String summaryOnlyParam)
            throws IOException {
        Evaluator evaluator = playbook == active.current() ? active.evaluator() : new Evaluator(playbook.playbook(), active.evaluator().clock());
        LocalDate day = day(asOf, evaluator);
        boolean summaryOnly = flag("summaryOnly", summaryOnlyParam);
        BatchEvaluation batch = new BatchEvaluation(mapper, file, format, charset, playbook, evaluator, day);
        ForecastSummary summary = batch.validate();
        StreamingOutput output = out -> {
            try {
                batch.write(summary, summaryOnly, out);
            } finally {
                Files.deleteIfExists(file);
            }
        };
        return Response.ok(output, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            return MediaType.valueOf(contentType).getParameters().get(MediaType.CHARSET_PARAMETER);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalDate day(String asOf, Evaluator evaluator) {
        if (asOf == null || asOf.isBlank()) {
            return evaluator.today();
        }
        try {
            return LocalDate.parse(asOf.trim());
        } catch (DateTimeParseException e) {
            throw new BadInputException("asOf " + Quote.of(asOf) + " is not a date (expected YYYY-MM-DD)");
        }
    }

    /**
     * A query flag read by hand: a {@code boolean} parameter that does not parse is answered 404 by JAX-RS, and any
     * word but {@code true} silently reads as false.
     */
    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new BadInputException(name + " " + Quote.of(value) + " is neither true nor false");
        }
    }

    /** Spools the body to a file that is removed when the exchange ends, whatever the client does meanwhile. */
    private java.nio.file.Path spool(InputStream body, RoutingContext routing) throws IOException {
        java.nio.file.Path file = admission.spoolFile(routing);
        try (InputStream in = body) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(file);
            throw new IncompleteBodyException(e);
        }
        return file;
    }
}
