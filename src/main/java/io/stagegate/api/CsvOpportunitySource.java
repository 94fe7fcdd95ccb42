package io.stagegate.api;

import io.stagegate.criteria.Crm;
import io.stagegate.playbook.StandardField;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CRM report export: the first row holds field API names ({@code StageName}, {@code Amount},
 * {@code Budget_Confirmed__c} ... or {@code dealstage}, {@code amount} ...), each further row one opportunity. Columns
 * named {@code count(Relation)} carry related-record counts; every other column is a criteria field. The CRM-neutral
 * names {@code id, stage, amount, currency, closeDate, owner, pipeline, stageEnteredOn} are accepted too.
 */
final class CsvOpportunitySource implements OpportunitySource {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setAllowDuplicateHeaderNames(false)
            .setIgnoreEmptyLines(false)
            .setTrim(true)
            .get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Column[] columns;
    private final CsvInput input;
    private int index;
    private long linesRead;

    private static final class Column {
        final String name;
        final StandardField standard;
        final String relation;

        Column(String name, StandardField standard, String relation) {
            this.name = name;
            this.standard = standard;
            this.relation = relation;
        }
    }

    CsvOpportunitySource(Path body, Crm crm, CsvInput input) throws IOException {
        this.input = input;
        Reader reader = input.open(body);
        try {
            CSVFormat format = input.delimiter() == ',' ? FORMAT : FORMAT.builder().setDelimiter(input.delimiter()).get();
            parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        } catch (CharacterCodingException e) {
            reader.close();
            throw notInCharset("its first lines");
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            reader.close();
            throw new BadInputException("the CSV header row is not usable: " + Quote.prefix(e.getMessage(), Quote.MAX_MESSAGE_CHARS));
        }
        linesRead = parser.getCurrentLineNumber();
        List<String> headers = parser.getHeaderNames();
        if (headers.isEmpty()) {
            parser.close();
            throw new BadInputException("the CSV is empty: its first row must hold the field API names");
        }
        List<Column> list = new ArrayList<>();
        for (String header : headers) {
            list.add(column(crm, header));
        }
        columns = list.toArray(new Column[0]);
        boolean hasStage = list.stream().anyMatch(column -> column.standard == StandardField.STAGE);
        boolean hasId = list.stream().anyMatch(column -> column.standard == StandardField.ID);
        if (!hasStage || !hasId) {
            parser.close();
            throw new BadInputException("the CSV header row needs the columns " + StandardField.ID.apiName(crm) + " and "
                    + StandardField.STAGE.apiName(crm) + " (or id and stage); found: " + Quote.prefix(String.join(", ", headers), Quote.MAX_MESSAGE_CHARS / 2));
        }
        records = parser.iterator();
    }

    private static Column column(Crm crm, String header) {
        String name = header.trim();
        if (name.startsWith("count(") && name.endsWith(")")) {
            return new Column(name, null, name.substring(6, name.length() - 1).trim());
        }
        StandardField standard = StandardField.byApiName(crm, name);
        if (standard == null) {
            standard = neutral(name);
        }
        return new Column(name, standard, null);
    }

    private static StandardField neutral(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "id": return StandardField.ID;
            case "stage": return StandardField.STAGE;
            case "amount": return StandardField.AMOUNT;
            case "currency": return StandardField.CURRENCY;
            case "closedate": return StandardField.CLOSE_DATE;
            case "owner": return StandardField.OWNER;
            case "pipeline": return StandardField.PIPELINE;
            case "stageenteredon": return StandardField.STAGE_ENTERED;
            default: return null;
        }
    }

    /** The next record, skipping blank lines; its line is where it starts, even after values that span lines. */
    @Override
    public ParsedRecord next() {
        CSVRecord record;
        long line;
        do {
            line = linesRead + 1;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException) {
                    throw notInCharset("line " + line);
                }
                throw new BadInputException("the CSV is malformed at line " + line + " (record " + index + "): "
                        + Quote.prefix(e.getCause().getMessage(), Quote.MAX_MESSAGE_CHARS));
            } catch (IllegalStateException e) {
                throw new BadInputException("the CSV is malformed at line " + line + " (record " + index + "): "
                        + Quote.prefix(e.getMessage(), Quote.MAX_MESSAGE_CHARS));
            }
            linesRead = parser.getCurrentLineNumber();
        } while (record.size() == 1 && record.get(0).isEmpty());
        RecordBuilder builder = new RecordBuilder(index++, (int) line);
        if (record.size() != columns.length) {
            builder.error("", "row has " + record.size() + " values but the header has " + columns.length + " columns");
            return builder.build();
        }
        for (int i = 0; i < columns.length; i++) {
            read(builder, columns[i], record.get(i));
        }
        return builder.build();
    }

    private BadInputException notInCharset(String where) {
        return new BadInputException("the CSV is not valid " + input.charset().name() + " (in " + where + "); send UTF-8, UTF-16 with a byte order mark,"
                + " or declare its charset: Content-Type: text/csv; charset=windows-1252, or ?charset=windows-1252");
    }

    private static void read(RecordBuilder builder, Column column, String value) {
        if (column.relation != null) {
            builder.relatedCount(column.name, column.relation, value);
            return;
        }
        if (column.standard == null) {
            builder.field(column.name, value.isEmpty() ? null : value);
            return;
        }
        switch (column.standard) {
            case ID: builder.id(value); break;
            case STAGE: builder.stage(value); break;
            case AMOUNT: builder.amount(column.name, value); break;
            case CURRENCY: builder.currency(column.name, value); break;
            case CLOSE_DATE: builder.closeDate(column.name, value); break;
            case OWNER: builder.owner(value); break;
            case PIPELINE: builder.pipeline(value); break;
            case STAGE_ENTERED: builder.stageEnteredOn(column.name, value); break;
            default: throw new IllegalStateException("unhandled column " + column.standard);
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
