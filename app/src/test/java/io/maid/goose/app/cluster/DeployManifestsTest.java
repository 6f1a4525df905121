package io.maid.goose.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.maid.goose.adapter.cluster.pekko.ClusterSettings;
import io.maid.goose.adapter.cluster.pekko.Discovery;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.app.settings.SettingsLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kubernetes example in deploy/k8s: valid YAML, well-formed objects, and settings goose accepts. */
class DeployManifestsTest {
    private static final Path DIR = Path.of("..", "deploy", "k8s");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static List<JsonNode> documents() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(f.toFile())) {
                    docs.addAll(it.readAll());
                }
            }
        }
        return docs;
    }

    private static JsonNode find(String kind, String name) throws IOException {
        return documents().stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.path("metadata").path("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static JsonNode container(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec").path("containers").get(0);
    }

    @Test
    void everyDocumentIsAKubernetesObjectWithAName() throws IOException {
        List<JsonNode> docs = documents();

        assertEquals(7, docs.size(), "a secret, the coordinator's deployment and service, the workers' deployment, and"
                + " the service account, role and binding that let the bootstrap list pods");
        for (JsonNode d : docs) {
            assertFalse(d.path("apiVersion").asText().isEmpty(), d.toString());
            assertFalse(d.path("kind").asText().isEmpty(), d.toString());
            assertFalse(d.path("metadata").path("name").asText().isEmpty(), d.toString());
        }
    }

    @Test
    void theWorkersNeedNoCoordinatorAddressTheBootstrapFindsTheNodes() throws IOException {
        List<String> args = new ArrayList<>();
        container(find("Deployment", "goose-worker")).path("args").forEach(a -> args.add(a.asText()));

        assertEquals(List.of("worker", "--bind", "0.0.0.0", "--port", "25520"), args);
    }

    @Test
    void bothDeploymentsAreContactPointsOfTheSameLabelAndMayListPods() throws IOException {
        JsonNode binding = find("RoleBinding", "goose-read-pods");
        JsonNode role = find("Role", binding.path("roleRef").path("name").asText());
        JsonNode rule = role.path("rules").get(0);
        assertTrue(rule.path("resources").toString().contains("\"pods\""), rule.toString());
        assertTrue(rule.path("verbs").toString().contains("\"list\""), rule.toString());
        String account = binding.path("subjects").get(0).path("name").asText();
        find("ServiceAccount", account);
        for (String name : List.of("goose-coordinator", "goose-worker")) {
            JsonNode pod = find("Deployment", name).path("spec").path("template");
            assertEquals(account, pod.path("spec").path("serviceAccountName").asText(), name);
            assertEquals("goose", pod.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText(),
                    name + " matches the selector app.kubernetes.io/part-of=%s of the service goose");
        }
    }

    @Test
    void theProbesAskPekkoManagementOnItsPort() throws IOException {
        for (String name : List.of("goose-coordinator", "goose-worker")) {
            JsonNode c = container(find("Deployment", name));
            List<String> ports = c.path("ports").findValuesAsText("name");
            int management = c.path("ports").get(ports.indexOf("management")).path("containerPort").asInt();

            assertEquals(7626, management, name);
            assertEquals("/ready", c.path("readinessProbe").path("httpGet").path("path").asText(), name);
            assertEquals("management", c.path("readinessProbe").path("httpGet").path("port").asText(), name);
            assertEquals("/alive", c.path("livenessProbe").path("httpGet").path("path").asText(), name);
            assertEquals("management", c.path("livenessProbe").path("httpGet").path("port").asText(), name);
        }
    }

    @Test
    void theSelectorsMatchTheirPodsLabels() throws IOException {
        for (JsonNode d : documents()) {
            if (d.path("kind").asText().equals("Deployment")) {
                assertEquals(d.path("spec").path("selector").path("matchLabels"),
                        d.path("spec").path("template").path("metadata").path("labels"), d.path("metadata").toString());
            }
        }
    }

    /** Every MAID__ variable the pods set, with $(VAR) references filled in, is a setting goose loads. */
    @Test
    void thePodsEnvironmentIsSettingsGooseAccepts() throws IOException {
        for (String name : List.of("goose-coordinator", "goose-worker")) {
            Map<String, String> env = new HashMap<>();
            for (JsonNode e : container(find("Deployment", name)).path("env")) {
                env.put(e.path("name").asText(), e.has("value") ? e.path("value").asText() : "from-a-secret-of-32-bytes-or-more!!");
            }
            Map<String, String> maid = new HashMap<>();
            env.forEach((k, v) -> {
                if (k.startsWith("MAID__")) {
                    maid.put(k, v.replace("$(STORE_PASSWORD)", "pw").replace("$(POD_IP)", "10.0.0.7"));
                }
            });

            Settings.Cluster c = new SettingsLoader().load(List.of(), maid).engine().cluster();
            ClusterSettings cs = ClusterWiring.settings(c, null, null, null);

            assertEquals(new Discovery("kubernetes", "goose", null, null, 7626, 2, null), cs.discovery(),
                    name + " bootstraps through the Kubernetes API");
            assertEquals("10.0.0.7", c.advertiseHost(), name + " advertises its pod's IP");

            assertEquals("/etc/goose/tls/node.p12", c.tls().keyStore(), name);
            assertEquals("/etc/goose/tls/trust.p12", c.tls().trustStore(), name);
            if (name.equals("goose-coordinator")) {
                assertTrue(c.enabled());
                assertEquals("0.0.0.0", c.bindHost());
            }
        }
    }

    @Test
    void theExampleSecretHoldsNoRealSecret() throws IOException {
        JsonNode secret = find("Secret", "goose-cluster");

        assertTrue(secret.path("stringData").path("cluster-secret").asText().startsWith("REPLACE-WITH"));
        Set<String> keys = new java.util.TreeSet<>();
        secret.path("stringData").fieldNames().forEachRemaining(keys::add);
        secret.path("data").fieldNames().forEachRemaining(keys::add);
        assertEquals(Set.of("cluster-secret", "store-password", "node.p12", "trust.p12"), keys);
    }
}
