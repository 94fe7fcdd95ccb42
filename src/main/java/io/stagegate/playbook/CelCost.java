package io.stagegate.playbook;

import dev.cel.common.ast.CelExpr;
import java.util.Set;

/**
 * A static upper bound on the work one evaluation of a checked CEL expression can do, counted in evaluation steps (one
 * per node visited). CEL terminates, but nested comprehensions multiply: six nested {@code all} macros over small lists
 * run for hours. Comprehensions are the only loops; their ranges are list or map literals, the {@code fields} and
 * {@code related} maps (which hold only the names the expression mentions), or lists built from those, so their sizes
 * are known from the expression itself. A range of unknown size counts as {@link #MAX_ITERATIONS}, which the runtime
 * enforces for every comprehension.
 */
final class CelCost {
    /** At most this many comprehensions (all, exists, exists_one, map, filter) nested inside one another. */
    static final int MAX_NESTING = 2;
    /** At most this many iterations of any one comprehension, enforced again at runtime. */
    static final int MAX_ITERATIONS = 1_000;
    /** The most evaluation steps an expression may need for one opportunity. */
    static final long MAX_COST = 100_000;

    private static final long UNBOUNDED = Long.MAX_VALUE / 4;

    private final long fields;
    private final long relations;

    private CelCost(Set<String> fields, Set<String> relations) {
        this.fields = fields.size();
        this.relations = relations.size();
    }

    /** Why the expression is too costly, or {@code null} when it stays within the bounds. */
    static String problem(CelExpr expr, Set<String> fields, Set<String> relations) {
        CelCost cost = new CelCost(fields, relations);
        int nesting = cost.nesting(expr);
        if (nesting > MAX_NESTING) {
            return "the expression nests " + nesting + " comprehensions (all, exists, map, filter ...) inside one another; at most "
                    + MAX_NESTING + " are allowed";
        }
        long steps = cost.cost(expr);
        if (steps > MAX_COST) {
            return "the expression could take up to " + (steps >= UNBOUNDED ? "an unbounded number of" : String.valueOf(steps))
                    + " evaluation steps per opportunity; at most " + MAX_COST + " are allowed (iterate over fewer or smaller lists)";
        }
        return null;
    }

    private int nesting(CelExpr expr) {
        int deepest = 0;
        for (CelExpr child : children(expr)) {
            deepest = Math.max(deepest, nesting(child));
        }
        if (expr.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
            CelExpr.CelComprehension loop = expr.comprehension();
            int body = Math.max(nesting(loop.loopCondition()), nesting(loop.loopStep()));
            return Math.max(deepest, body + 1);
        }
        return deepest;
    }

    private long cost(CelExpr expr) {
        if (expr.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
            CelExpr.CelComprehension loop = expr.comprehension();
            long iterations = Math.min(size(loop.iterRange()), MAX_ITERATIONS);
            long perIteration = add(cost(loop.loopCondition()), cost(loop.loopStep()));
            return add(add(1, add(cost(loop.iterRange()), cost(loop.accuInit()))), add(multiply(iterations, perIteration), cost(loop.result())));
        }
        long total = 1;
        for (CelExpr child : children(expr)) {
            total = add(total, cost(child));
        }
        return total;
    }

    /** An upper bound on the number of elements {@code expr} can have when it is iterated over. */
    private long size(CelExpr expr) {
        switch (expr.getKind()) {
            case LIST:
                return expr.list().elements().size();
            case MAP:
                return expr.map().entries().size();
            case IDENT:
                String name = expr.ident().name();
                return "fields".equals(name) ? fields : "related".equals(name) ? relations : MAX_ITERATIONS;
            case COMPREHENSION:
                return size(expr.comprehension().iterRange());
            case CALL:
                if ("_+_".equals(expr.call().function()) && expr.call().args().size() == 2) {
                    return add(size(expr.call().args().get(0)), size(expr.call().args().get(1)));
                }
                return MAX_ITERATIONS;
            default:
                return MAX_ITERATIONS;
        }
    }

    private static Iterable<CelExpr> children(CelExpr expr) {
        java.util.List<CelExpr> children = new java.util.ArrayList<>();
        switch (expr.getKind()) {
            case SELECT:
                children.add(expr.select().operand());
                break;
            case CALL:
                expr.call().target().ifPresent(children::add);
                children.addAll(expr.call().args());
                break;
            case LIST:
                children.addAll(expr.list().elements());
                break;
            case MAP:
                expr.map().entries().forEach(entry -> {
                    children.add(entry.key());
                    children.add(entry.value());
                });
                break;
            case STRUCT:
                expr.struct().entries().forEach(entry -> children.add(entry.value()));
                break;
            case COMPREHENSION:
                CelExpr.CelComprehension loop = expr.comprehension();
                children.add(loop.iterRange());
                children.add(loop.accuInit());
                children.add(loop.loopCondition());
                children.add(loop.loopStep());
                children.add(loop.result());
                break;
            default:
                break;
        }
        return children;
    }

    private static long add(long a, long b) {
        return Math.min(UNBOUNDED, a + b);
    }

    private static long multiply(long a, long b) {
        return a != 0 && b > UNBOUNDED / a ? UNBOUNDED : Math.min(UNBOUNDED, a * b);
    }
}
