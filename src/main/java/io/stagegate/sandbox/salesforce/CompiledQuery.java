package io.stagegate.sandbox.salesforce;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A SOQL statement checked against the schema, ready to run: a filter, an order and the projection of each row into
 * the REST API's record JSON. Runs under the org's read lock ({@link SalesforceOrg#read}).
 */
final class CompiledQuery {
    /** A test of one row. */
    interface Predicate {
        boolean test(Row row, OrgView view);
    }

    /** A field reached from a row, possibly through parent relationships ({@code Owner.Name}). */
    record BoundPath(List<FieldDef> hops, List<String> relationshipNames, FieldDef field) {
        BoundPath {
            hops = List.copyOf(hops);
            relationshipNames = List.copyOf(relationshipNames);
        }

        Object value(Row row, OrgView view) {
            Row current = row;
            for (FieldDef hop : hops) {
                Object id = current.get(hop);
                current = id == null ? null : view.byId((String) id);
                if (current == null) {
                    return null;
                }
            }
            return current.get(field);
        }

        String text() {
            List<String> parts = new ArrayList<>(relationshipNames);
            parts.add(field.name());
            return String.join(".", parts);
        }
    }

    record Order(BoundPath path, boolean descending, boolean nullsFirst) {
    }

    /** One element of the select list: a field path or a child subquery. */
    record Selected(BoundPath path, CompiledQuery subquery) {
    }

    private final ObjectSchema object;
    private final ObjectSchema.ChildRelationship relationship;
    private final boolean count;
    private final List<Selected> select;
    private final Predicate where;
    private final List<Order> orderBy;
    private final Integer limit;
    private final Integer offset;

    CompiledQuery(ObjectSchema object, ObjectSchema.ChildRelationship relationship, boolean count, List<Selected> select, Predicate where,
            List<Order> orderBy, Integer limit, Integer offset) {
        this.object = object;
        this.relationship = relationship;
        this.count = count;
        this.select = List.copyOf(select);
        this.where = where;
        this.orderBy = List.copyOf(orderBy);
        this.limit = limit;
        this.offset = offset;
    }

    ObjectSchema object() {
        return object;
    }

    boolean isCount() {
        return count;
    }

    /** The matching rows, ordered, after OFFSET and LIMIT; deleted rows only when {@code includeDeleted} (queryAll). */
    List<Row> run(OrgView view, boolean includeDeleted) {
        return finish(filter(view.rows(object), view, includeDeleted), view);
    }

    /** The record JSON of one row: {@code attributes}, then the selected fields in select order. */
    Map<String, Object> project(Row row, OrgView view, boolean includeDeleted, String version) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("attributes", attributes(row, version));
        for (Selected item : select) {
            if (item.subquery() != null) {
                record.put(item.subquery().relationship.name(), item.subquery().children(row, view, includeDeleted, version));
            } else {
                put(record, row, item.path(), 0, view, version);
            }
        }
        return record;
    }

    static Map<String, Object> attributes(Row row, String version) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", row.schema().name());
        attributes.put("url", "/services/data/" + version + "/sobjects/" + row.schema().name() + "/" + row.id());
        return attributes;
    }

    private Object children(Row parent, OrgView view, boolean includeDeleted, String version) {
        List<Row> rows = finish(filter(view.children(relationship, parent.id()), view, includeDeleted), view);
        if (rows.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> records = new ArrayList<>(rows.size());
        rows.forEach(row -> records.add(project(row, view, includeDeleted, version)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("totalSize", records.size());
        result.put("done", true);
        result.put("records", records);
        return result;
    }

    /** Puts a (possibly dotted) field into the record, nesting parent records as the REST API does. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> target, Row row, BoundPath path, int hop, OrgView view, String version) {
        if (hop == path.hops().size()) {
            target.put(path.field().name(), FieldValues.toJson(path.field(), row.get(path.field())));
            return;
        }
        String name = path.relationshipNames().get(hop);
        Object id = row.get(path.hops().get(hop));
        Row parent = id == null ? null : view.byId((String) id);
        if (parent == null) {
            target.put(name, null);
            return;
        }
        Object existing = target.get(name);
        Map<String, Object> nested;
        if (existing instanceof Map) {
            nested = (Map<String, Object>) existing;
        } else {
            nested = new LinkedHashMap<>();
            nested.put("attributes", attributes(parent, version));
            target.put(name, nested);
        }
        put(nested, parent, path, hop + 1, view, version);
    }

    private List<Row> filter(Collection<Row> rows, OrgView view, boolean includeDeleted) {
        List<Row> matches = new ArrayList<>();
        for (Row row : rows) {
            if ((includeDeleted || !row.isDeleted()) && (where == null || where.test(row, view))) {
                matches.add(row);
            }
        }
        return matches;
    }

    private List<Row> finish(List<Row> rows, OrgView view) {
        if (!orderBy.isEmpty()) {
            long wanted = limit == null ? Long.MAX_VALUE : (long) limit + (offset == null ? 0 : offset);
            if (wanted < rows.size() / 2) {
                rows = smallest(rows, (int) wanted, comparator(view));
            } else {
                rows.sort(comparator(view));
            }
        }
        int from = offset == null ? 0 : Math.min(offset, rows.size());
        int to = limit == null ? rows.size() : (int) Math.min((long) from + limit, rows.size());
        return from == 0 && to == rows.size() ? rows : new ArrayList<>(rows.subList(from, to));
    }

    /** The first {@code count} rows in order, without sorting all of them (keyset polls ask for a page of many). */
    private static List<Row> smallest(List<Row> rows, int count, Comparator<Row> order) {
        PriorityQueue<Row> largestFirst = new PriorityQueue<>(Math.max(1, count + 1), order.reversed());
        for (Row row : rows) {
            largestFirst.add(row);
            if (largestFirst.size() > count) {
                largestFirst.poll();
            }
        }
        List<Row> kept = new ArrayList<>(largestFirst);
        kept.sort(order);
        return kept;
    }

    private Comparator<Row> comparator(OrgView view) {
        Comparator<Row> comparator = null;
        for (Order order : orderBy) {
            FieldType.Kind kind = order.path().field().type().kind();
            Comparator<Row> next = (a, b) -> {
                Object x = order.path().value(a, view);
                Object y = order.path().value(b, view);
                if (x == null || y == null) {
                    if (x == y) {
                        return 0;
                    }
                    return (x == null) == order.nullsFirst() ? -1 : 1;
                }
                int compared = SoqlValues.compare(kind, x, y);
                return order.descending() ? -compared : compared;
            };
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        return comparator.thenComparing(Row::id);
    }
}
