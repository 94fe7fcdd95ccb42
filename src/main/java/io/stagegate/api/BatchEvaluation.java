package io.stagegate.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.EvaluationException;
import io.stagegate.criteria.Evaluator;
import io.stagegate.forecast.ForecastSummary;
import io.stagegate.playbook.CelBudget;
import io.stagegate.playbook.LoadedPlaybook;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a spooled batch of opportunities in two passes over the file: the first validates every record and adds
 * up the summary (so bad input is refused with a 400 before any output is written), the second streams each
 * evaluation out. Memory use does not grow with the batch, apart from the set of ids seen.
 */
final class BatchEvaluation {
    static final int MAX_REPORTED_ERRORS = 100;

    enum Format { JSON, CSV }

    private final ObjectMapper mapper;
    private final Path body;
    private final Format format;
    private final String charset;
    private final LoadedPlaybook playbook;
    private final Evaluator evaluator;
    private final LocalDate asOf;

    /** {@code charset} is the one the client declared for a CSV body, or null. */
    BatchEvaluation(ObjectMapper mapper, Path body, Format format, String charset, LoadedPlaybook playbook, Evaluator evaluator, LocalDate asOf) {
        this.mapper = mapper;
        this.body = body;
        this.format = format;
        this.charset = charset;
        this.playbook = playbook;
        this.evaluator = evaluator;
        this.asOf = asOf;
    }

    private OpportunitySource open() throws IOException {
        return format == Format.JSON
                ? new JsonOpportunitySource(mapper, body)
                : new CsvOpportunitySource(body, playbook.playbook().crm(), CsvInput.of(body, charset));
    }

    /** First pass: every record valid and evaluable, or a {@link BadInputException} listing the first problems. */
    ForecastSummary validate() throws IOException {
        ForecastSummary summary = new ForecastSummary();
        List<InputError> errors = new ArrayList<>();
        long totalErrors = 0;
        Map<String, Integer> seen = new HashMap<>();
        int records = 0;
        try (OpportunitySource source = open(); CelBudget budget = CelBudget.open(CelBudget.STEPS_PER_REQUEST)) {
            for (ParsedRecord record = source.next(); record != null; record = source.next()) {
                records++;
                List<InputError> problems = new ArrayList<>(record.errors());
                InputError duplicate = duplicate(record, seen);
                if (duplicate != null) {
                    problems.add(duplicate);
                } else if (record.opportunity() != null) {
                    problems.addAll(evaluate(record, summary));
                }
                if (budget.exhausted()) {
                    throw new CelBudget.Exhausted();
                }
                totalErrors += problems.size();
                for (InputError problem : problems) {
                    if (errors.size() < MAX_REPORTED_ERRORS) {
                        errors.add(problem);
                    }
                }
            }
        }
        if (totalErrors > 0) {
            InputError first = errors.get(0);
            throw new BadInputException(totalErrors + " problem(s) in " + records + " record(s); the first: record " + first.record()
                    + (first.line() == null ? "" : " (line " + first.line() + ")")
                    + (first.id() == null ? "" : ", id " + first.id())
                    + (first.field() == null || first.field().isEmpty() ? "" : ", field " + first.field())
                    + ": " + first.message(), errors, totalErrors);
        }
        if (records == 0) {
            throw new BadInputException("the request holds no opportunities");
        }
        return summary;
    }

    private static InputError duplicate(ParsedRecord record, Map<String, Integer> seen) {
        if (record.id() == null) {
            return null;
        }
        Integer first = seen.putIfAbsent(record.id(), record.index());
        return first == null ? null : new InputError(record.index(), record.line(), record.id(), "id", "duplicate id (first at record " + first + ")");
    }

    private List<InputError> evaluate(ParsedRecord record, ForecastSummary summary) {
        try {
            summary.add(evaluator.evaluate(record.opportunity(), asOf));
            return List.of();
        } catch (EvaluationException e) {
            return List.of(new InputError(record.index(), record.line(), record.id(), e.field(), e.getMessage()));
        }
    }

    /** Second pass: writes the response, summary first, then one evaluation per record in input order. */
    void write(ForecastSummary summary, boolean summaryOnly, OutputStream out) throws IOException {
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("playbook", playbook.playbook().name());
            json.writeStringField("asOf", asOf.toString());
            json.writeFieldName("summary");
            mapper.writeValue(json, SummaryView.of(summary));
            if (!summaryOnly) {
                json.writeArrayFieldStart("evaluations");
                int written = 0;
                try (OpportunitySource source = open()) {
                    for (ParsedRecord record = source.next(); record != null; record = source.next()) {
                        Evaluation evaluation = evaluator.evaluate(record.opportunity(), asOf);
                        mapper.writeValue(json, EvaluationView.of(playbook.playbook(), evaluation));
                        if (++written % 1_000 == 0) {
                            json.flush();
                        }
                    }
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
    }
}
