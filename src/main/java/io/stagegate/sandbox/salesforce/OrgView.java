package io.stagegate.sandbox.salesforce;

import java.util.Collection;
import java.util.List;

/** Read access to the org's rows while its read lock is held. */
interface OrgView {
    /** Every row of {@code object}, deleted ones included, in id order. */
    Collection<Row> rows(ObjectSchema object);

    /** The row with this 18-character id in any object, or {@code null}. */
    Row byId(String id);

    /** The rows of a child relationship of one parent, in id order. */
    List<Row> children(ObjectSchema.ChildRelationship relationship, String parentId);
}
