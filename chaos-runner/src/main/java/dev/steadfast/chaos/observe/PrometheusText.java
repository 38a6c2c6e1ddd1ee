package dev.steadfast.chaos.observe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (version 0.0.4, and the sample lines of OpenMetrics) that
 * {@code /actuator/prometheus} answers. Neither Micrometer nor the Prometheus Java client ships a parser, and the
 * runner needs only the samples: {@code # HELP}, {@code # TYPE} and {@code # EOF} lines are skipped, and so is a
 * sample's timestamp.
 */
public final class PrometheusText {

    private PrometheusText() {}

    /** One sample line: a metric name, its labels in the order written, and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {

        public String label(String name) {
            return labels.get(name);
        }
    }

    /**
     * Every sample in {@code text}.
     *
     * @throws IllegalArgumentException naming the line and what is wrong with it, if a line is not a sample
     */
    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(new LineReader(line).sample());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("line " + (i + 1) + " (" + line + "): " + ex.getMessage(), ex);
            }
        }
        return samples;
    }

    /** Reads one sample line from left to right: {@code name[{label="value",...}] value [timestamp]}. */
    private static final class LineReader {

        private final String line;
        private int at;

        LineReader(String line) {
            this.line = line;
        }

        Sample sample() {
            String name = name();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("no metric name");
            }
            Map<String, String> labels = Map.of();
            if (peek() == '{') {
                at++;
                labels = labels();
            }
            skipBlanks();
            int start = at;
            while (at < line.length() && !Character.isWhitespace(line.charAt(at))) {
                at++;
            }
            return new Sample(name, labels, value(line.substring(start, at)));
        }

        private Map<String, String> labels() {
            Map<String, String> labels = new LinkedHashMap<>();
            while (true) {
                skipBlanks();
                if (peek() == '}') {
                    at++;
                    return Collections.unmodifiableMap(labels);
                }
                String label = name();
                if (label.isEmpty()) {
                    throw new IllegalArgumentException("a label name expected at column " + (at + 1));
                }
                skipBlanks();
                expect('=');
                skipBlanks();
                expect('"');
                labels.put(label, quoted());
                skipBlanks();
                if (peek() == ',') {
                    at++;
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("',' or '}' expected at column " + (at + 1));
                }
            }
        }

        /** The rest of a label value after its opening quote, with the format's three escapes undone. */
        private String quoted() {
            StringBuilder value = new StringBuilder();
            while (at < line.length()) {
                char c = line.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && at < line.length()) {
                    char escaped = line.charAt(at++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            throw new IllegalArgumentException("a label value is not closed");
        }

        private String name() {
            int start = at;
            while (at < line.length() && isNameChar(line.charAt(at))) {
                at++;
            }
            return line.substring(start, at);
        }

        private static boolean isNameChar(char c) {
            return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("'" + c + "' expected at column " + (at + 1));
            }
            at++;
        }

        private char peek() {
            return at < line.length() ? line.charAt(at) : '\0';
        }

        private void skipBlanks() {
            while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
                at++;
            }
        }

        private static double value(String text) {
            switch (text) {
                case "NaN":
                    return Double.NaN;
                case "+Inf":
                case "Inf":
                    return Double.POSITIVE_INFINITY;
                case "-Inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(text);
                    } catch (NumberFormatException ex) {
                        throw new IllegalArgumentException("not a value: '" + text + "'");
                    }
            }
        }
    }
}
