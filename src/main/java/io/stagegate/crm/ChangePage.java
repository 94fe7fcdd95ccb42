package io.stagegate.crm;

import java.util.List;

/**
 * One page of changed opportunities in keyset order, and the cursor that follows its last record.
 * {@code more} says whether another page is waiting (within the window polled).
 */
public record ChangePage(List<CrmOpportunity> records, SyncCursor next, boolean more) {
    public ChangePage {
        records = List.copyOf(records);
    }
}
