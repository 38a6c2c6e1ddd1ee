package dev.steadfast.chaos.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proves the Grafana dashboard without Grafana: every panel's PromQL runs as a range query over the run against the
 * compose project's own Prometheus, the way Grafana would ask, and each must return data. Grafana's {@code
 * $__rate_interval} becomes 30 s, what Grafana makes of it at Prometheus' 5 s scrape interval.
 */
final class DashboardQueries {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final int prometheusPort;

    DashboardQueries(int prometheusPort) {
        this.prometheusPort = prometheusPort;
    }

    /** One panel query and how many series it returned over the run. */
    record Panel(String title, String expr, int series) {}

    /** Every target of every panel of the dashboard, in the dashboard's order. */
    static List<String[]> panelQueries(Path dashboard) {
        List<String[]> queries = new ArrayList<>();
        collect(JSON.readTree(dashboard.toFile()).path("panels"), queries);
        return queries;
    }

    private static void collect(JsonNode panels, List<String[]> queries) {
        for (JsonNode panel : panels) {
            collect(panel.path("panels"), queries);
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asString("");
                if (!expr.isBlank()) {
                    queries.add(new String[] {panel.path("title").asString(""), expr});
                }
            }
        }
    }

    /** Runs every panel's query from {@code startEpochSeconds} until now, each stepping 5 s. */
    List<Panel> run(Path dashboard, long startEpochSeconds) {
        long end = System.currentTimeMillis() / 1000;
        List<Panel> panels = new ArrayList<>();
        for (String[] query : panelQueries(dashboard)) {
            String expr = query[1].replace("$__rate_interval", "30s");
            panels.add(new Panel(query[0], query[1], series(expr, startEpochSeconds, end)));
        }
        return panels;
    }

    private int series(String expr, long start, long end) {
        String url = String.format(
                Locale.ROOT,
                "http://127.0.0.1:%d/api/v1/query_range?query=%s&start=%d&end=%d&step=5",
                prometheusPort,
                URLEncoder.encode(expr, StandardCharsets.UTF_8),
                start,
                end);
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (!"success".equals(body.path("status").asString(""))) {
                throw new IllegalStateException("Prometheus rejected " + expr + ": " + body.path("error"));
            }
            return body.path("data").path("result").size();
        } catch (IOException ex) {
            throw new UncheckedIOException("Prometheus on 127.0.0.1:" + prometheusPort + " did not answer", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", ex);
        }
    }

    /** Writes one line per panel and returns the summary line, {@code DASHBOARD panels=N with-data=M}. */
    static String write(List<Panel> panels, Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Panel panel : panels) {
            text.append(panel.series() > 0 ? "data    " : "NO DATA ")
                    .append(String.format(Locale.ROOT, "%3d series  ", panel.series()))
                    .append(panel.title())
                    .append(": ")
                    .append(panel.expr())
                    .append('\n');
        }
        long withData = panels.stream().filter(panel -> panel.series() > 0).count();
        String line = "DASHBOARD panels=" + panels.size() + " with-data=" + withData;
        Files.writeString(file, text.append(line).append('\n').toString());
        return line;
    }
}
