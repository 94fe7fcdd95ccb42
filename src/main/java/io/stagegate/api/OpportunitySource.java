package io.stagegate.api;

import java.io.Closeable;
import java.io.IOException;

/** Reads opportunities one at a time from a spooled request body, so a batch of any size fits in memory. */
interface OpportunitySource extends Closeable {
    /** The next record, or {@code null} at the end. */
    ParsedRecord next() throws IOException;
}
