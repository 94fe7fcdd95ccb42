package io.stagegate.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a spooled CSV is to be read: its charset and its separator. A byte order mark decides the charset (UTF-8 from
 * Excel's "CSV UTF-8", UTF-16 from "Unicode text"), then the charset the client declared, else UTF-8; bytes that are
 * not valid in that charset are an error, never replaced. Exports made with a European locale separate values with
 * semicolons; the header row tells.
 */
record CsvInput(Charset charset, int bomLength, char delimiter) {
    private static final int SNIFF_BYTES = 64 * 1024;

    /** Detects the charset and separator of {@code body}; {@code declared} is the client's charset name or null. */
    static CsvInput of(Path body, String declared) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(body)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        Charset charset;
        int bom;
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            bom = 3;
        } else if (startsWith(head, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
        } else if (startsWith(head, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
        } else {
            charset = declared == null || declared.isBlank() ? StandardCharsets.UTF_8 : charset(declared.trim());
            bom = 0;
        }
        String start = new String(head, bom, head.length - bom, charset);
        return new CsvInput(charset, bom, delimiter(start));
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name.startsWith("\"") && name.endsWith("\"") && name.length() > 1 ? name.substring(1, name.length() - 1) : name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new BadInputException("charset " + Quote.of(name) + " is not supported; declare one such as UTF-8, UTF-16 or windows-1252");
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Semicolons when the header row, outside quotes, holds more of them than commas. */
    static char delimiter(String start) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < start.length(); i++) {
            char c = start.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    /** A reader past the byte order mark that fails on bytes that are not valid in the charset. */
    Reader open(Path body) throws IOException {
        InputStream in = Files.newInputStream(body);
        try {
            in.skipNBytes(bomLength);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(in, decoder);
    }
}
