package org.referralbridge.server.reports;

import java.util.List;

/** A table as RFC 4180 CSV: a header line, CRLF line ends, fields quoted when they hold a comma, quote or line end. */
final class Csv {

    private Csv() {}

    static String of(List<String> header, List<List<Object>> rows) {
        StringBuilder csv = new StringBuilder();
        line(csv, List.copyOf(header));
        for (List<Object> row : rows) {
            line(csv, row);
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append("\r\n");
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof java.math.BigDecimal
                ? ((java.math.BigDecimal) value).toPlainString()
                : value.toString();
        // a leading =, +, - or @ would run as a formula in a spreadsheet: quoted and prefixed, it stays text
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9.]+")) {
            text = "'" + text;
        }
        if (text.contains(",")
                || text.contains("\"")
                || text.contains("\r")
                || text.contains("\n")
                || text.startsWith("'")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
