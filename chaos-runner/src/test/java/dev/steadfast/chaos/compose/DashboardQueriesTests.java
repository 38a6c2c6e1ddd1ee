package dev.steadfast.chaos.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardQueriesTests {

    private static final Path DASHBOARD = Path.of("../zookeeper-compose/grafana/dashboards/steadfast.json");

    @Test
    void readsEveryPanelsQueryFromTheDashboard() {
        List<String[]> queries = DashboardQueries.panelQueries(DASHBOARD);

        assertThat(queries).hasSize(16);
        assertThat(queries)
                .extracting(query -> query[0])
                .contains("Instances up", "Order errors", "Checkpoint age", "Shed by the adaptive limits");
        assertThat(queries).allSatisfy(query -> assertThat(query[1]).isNotBlank());
    }

    @Test
    void summaryCountsOnlyPanelsThatReturnedData(@TempDir Path dir) throws IOException {
        List<DashboardQueries.Panel> panels = List.of(
                new DashboardQueries.Panel("Instances up", "up", 4),
                new DashboardQueries.Panel("Order errors", "sum(rate(errors[30s]))", 0));

        String line = DashboardQueries.write(panels, dir.resolve("dashboard-queries.txt"));

        assertThat(line).isEqualTo("DASHBOARD panels=2 with-data=1");
        assertThat(Files.readString(dir.resolve("dashboard-queries.txt")))
                .contains("NO DATA   0 series  Order errors: sum(rate(errors[30s]))")
                .endsWith(line + "\n");
    }

    @Test
    void portVariablesMatchTheComposeFile() throws IOException {
        String compose = Files.readString(Path.of("../zookeeper-compose/docker-compose.yml"));

        for (String service : List.of("zk1", "postgres", "payment-1", "order-2", "prometheus")) {
            assertThat(compose).contains("${" + ComposeTopology.portVariable(service) + ":-");
        }
    }
}
