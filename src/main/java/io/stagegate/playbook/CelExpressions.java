package io.stagegate.playbook;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Rule;
import io.stagegate.criteria.Verdict;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles the escape-hatch rule of a playbook, a CEL expression that must yield a bool. The expression sees:
 * <ul>
 *   <li>{@code fields}: map of the fields it names, as the CRM sends them (bool, double, string); dates and datetimes
 *       as ISO strings {@code YYYY-MM-DD}, so they compare with {@code today} as text;</li>
 *   <li>{@code related}: map of related-record counts (int);</li>
 *   <li>{@code today}: the evaluation day as {@code YYYY-MM-DD};</li>
 *   <li>{@code amount} (double) and {@code stage} (string).</li>
 * </ul>
 * Fields read are {@code fields.Name} or {@code fields["Name"]}; only those are passed in (absent ones are missing
 * keys, so test them with {@code has(fields.Name)}).
 */
public final class CelExpressions {
    private static final Pattern FIELD = Pattern.compile("fields\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*[\"']([^\"']+)[\"']\\s*])");
    private static final Pattern RELATION = Pattern.compile("related\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*[\"']([^\"']+)[\"']\\s*])");

    /** Longest accepted expression; its checks recurse over the syntax tree, so its size bounds their depth. */
    static final int MAX_LENGTH = 4_096;
    /** The wall-clock time one evaluation may take, should an expression be slower than its step count says. */
    private static final long MAX_NANOS_PER_EVALUATION = 100_000_000L;

    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current()
                    .maxExpressionCodePointSize(MAX_LENGTH)
                    .maxParseRecursionDepth(32)
                    .comprehensionMaxIterations(CelCost.MAX_ITERATIONS)
                    .build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("fields", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("related", MapType.create(SimpleType.STRING, SimpleType.INT))
            .addVar("today", SimpleType.STRING)
            .addVar("amount", SimpleType.DOUBLE)
            .addVar("stage", SimpleType.STRING)
            .setResultType(SimpleType.BOOL)
            .build();

    private CelExpressions() {
    }

    /** A compiled expression, or the compiler's complaints with their line and column inside the expression. */
    public static final class Result {
        private final Rule.Expression rule;
        private final String error;

        private Result(Rule.Expression rule, String error) {
            this.rule = rule;
            this.error = error;
        }

        public Rule.Expression rule() {
            return rule;
        }

        public String error() {
            return error;
        }
    }

    public static Result compile(String source) {
        CelValidationResult validation = CEL.compile(source);
        if (validation.hasError()) {
            StringBuilder error = new StringBuilder("invalid CEL expression: ");
            boolean first = true;
            for (CelIssue issue : validation.getErrors()) {
                error.append(first ? "" : "; ").append(issue.getMessage());
                if (issue.getSourceLocation().getLine() > 0) {
                    error.append(" (expression line ").append(issue.getSourceLocation().getLine())
                            .append(", column ").append(issue.getSourceLocation().getColumn() + 1).append(')');
                }
                first = false;
            }
            return new Result(null, error.toString());
        }
        try {
            CelAbstractSyntaxTree ast = validation.getAst();
            Set<String> fields = names(FIELD, source);
            Set<String> relations = names(RELATION, source);
            String costly = CelCost.problem(ast.getExpr(), fields, relations);
            if (costly != null) {
                return new Result(null, "CEL expression too costly: " + costly);
            }
            CelRuntime.Program program = CEL.createProgram(ast);
            return new Result(new Rule.Expression(source, fields, relations, new Compiled(program, fields, relations)), null);
        } catch (Exception e) {
            return new Result(null, "invalid CEL expression: " + e.getMessage());
        }
    }

    private static Set<String> names(Pattern pattern, String source) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(source);
        while (matcher.find()) {
            names.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return names;
    }

    private static final class Compiled implements Rule.CompiledExpression {
        private final CelRuntime.Program program;
        private final Set<String> fields;
        private final Set<String> relations;

        Compiled(CelRuntime.Program program, Set<String> fields, Set<String> relations) {
            this.program = program;
            this.fields = fields;
            this.relations = relations;
        }

        @Override
        public Verdict evaluate(Opportunity opportunity, LocalDate today) {
            Map<String, Object> values = new HashMap<>();
            StringBuilder observed = new StringBuilder();
            for (String field : fields) {
                Object value = celValue(opportunity.field(field));
                if (value != null) {
                    values.put(field, value);
                }
                separate(observed).append(field).append('=').append(value == null ? "empty" : value);
            }
            Map<String, Long> counts = new HashMap<>();
            for (String relation : relations) {
                Integer count = opportunity.relatedCount(relation);
                if (count != null) {
                    counts.put(relation, count.longValue());
                }
                separate(observed).append("count(").append(relation).append(")=").append(count == null ? "unknown" : count);
            }
            Map<String, Object> variables = new HashMap<>();
            variables.put("fields", values);
            variables.put("related", counts);
            variables.put("today", today.toString());
            variables.put("amount", opportunity.amount() == null ? 0.0 : opportunity.amount().doubleValue());
            variables.put("stage", opportunity.stage());
            Steps steps = new Steps(CelBudget.current());
            if (steps.requestExhausted()) {
                return Verdict.of(false, separate(observed).append("error: the request's evaluation budget is spent").toString());
            }
            String error;
            boolean met = false;
            try {
                met = Boolean.TRUE.equals(program.trace(variables, steps));
                error = null;
            } catch (CelEvaluationException e) {
                error = e.getMessage();
            }
            steps.settle();
            // A stop inside && , || or a macro can be absorbed by CEL's error semantics, so the flag decides, not the result.
            if (steps.stopped() != null) {
                error = steps.stopped();
            }
            if (error != null) {
                return Verdict.of(false, separate(observed).append("error: ").append(error).toString());
            }
            return Verdict.of(met, observed.toString());
        }

        private static StringBuilder separate(StringBuilder observed) {
            return observed.length() == 0 ? observed : observed.append(", ");
        }
    }

    /**
     * Counts the steps of one evaluation: past {@link CelCost#MAX_COST} steps or its time, the evaluation stops (the
     * criterion is unmet, saying why); the steps are charged to the request's {@link CelBudget} when one is open.
     */
    private static final class Steps implements CelEvaluationListener {
        private final CelBudget request;
        private final long deadline = System.nanoTime() + MAX_NANOS_PER_EVALUATION;
        private long taken;
        private long charged;
        private String stopped;

        Steps(CelBudget request) {
            this.request = request;
        }

        @Override
        public void callback(CelExpr expr, Object result) {
            taken++;
            if (stopped == null && taken > CelCost.MAX_COST) {
                stopped = "evaluation stopped after " + CelCost.MAX_COST + " steps";
            } else if (stopped == null && (taken & 0xFF) == 0) {
                if (System.nanoTime() > deadline) {
                    stopped = "evaluation stopped after " + MAX_NANOS_PER_EVALUATION / 1_000_000 + " ms";
                }
                settle();
                if (requestExhausted()) {
                    stopped = "the request's evaluation budget is spent";
                }
            }
            if (stopped != null) {
                throw new Stop(stopped);
            }
        }

        String stopped() {
            return stopped;
        }

        boolean requestExhausted() {
            return request != null && request.exhausted();
        }

        void settle() {
            if (request != null && taken > charged) {
                request.spend(taken - charged);
                charged = taken;
            }
        }
    }

    /** Thrown into the CEL interpreter to end an evaluation; cheap, as it may be thrown once per remaining step. */
    private static final class Stop extends RuntimeException {
        Stop(String message) {
            super(message, null, false, false);
        }
    }

    static Object celValue(Object value) {
        if (value == null || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof Instant) {
            return LocalDate.ofInstant((Instant) value, ZoneOffset.UTC).toString();
        }
        if (value instanceof OffsetDateTime) {
            return ((OffsetDateTime) value).toLocalDate().toString();
        }
        return value.toString();
    }
}
