package io.stagegate.api;

import io.stagegate.criteria.Crm;
import io.stagegate.criteria.Opportunity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Reads a small CRM export held in memory (the bundled demo sample, say) with the same rules as {@code /api/evaluate}. */
public final class CsvExports {
    private CsvExports() {
    }

    public static List<Opportunity> read(InputStream csv, Crm crm) throws IOException {
        Path file = Files.createTempFile("stagegate-export-", ".csv");
        try {
            Files.copy(csv, file, StandardCopyOption.REPLACE_EXISTING);
            List<Opportunity> opportunities = new ArrayList<>();
            try (CsvOpportunitySource source = new CsvOpportunitySource(file, crm, CsvInput.of(file, null))) {
                for (ParsedRecord record = source.next(); record != null; record = source.next()) {
                    if (!record.errors().isEmpty()) {
                        throw new BadInputException("the export has invalid records", record.errors(), record.errors().size());
                    }
                    opportunities.add(record.opportunity());
                }
            }
            return opportunities;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
