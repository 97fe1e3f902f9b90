package org.civicregistry.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.civicregistry.embedded.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests as a cluster would receive them: rendered by kustomize (kubectl's), every
 * built-in object validated against the Kubernetes API's schemas (deploy/schema-check), and the
 * rules of a production deployment checked on every workload: probes, resources from the measured
 * footprint, autoscaling and disruption budgets, hardened security contexts, network policies that
 * deny by default, no committed secret, a PostgreSQL connection budget that fits, and the operator
 * examples (Strimzi topics, CloudNativePG clusters) agreeing with the topology. {@link ComposeFileTest}
 * checks the manifests' ports, databases and addresses against the topology.
 */
class KubernetesManifestsTest {

    static final Topology TOPOLOGY = Topology.platform();
    /** PostgreSQL's default max_connections, less its 3 superuser slots and 7 kept for operators and migrations by hand. */
    static final int CONNECTION_BUDGET = 100 - 3 - 7;
    static final Set<String> PRIVATE_RANGES = Set.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");

    private static final Map<String, String> RENDERED = new HashMap<>();

    /** {@code kubectl kustomize} of a folder under deploy/, as text (rendered once per folder). */
    static synchronized String rendered(String folder) {
        return RENDERED.computeIfAbsent(folder, f -> {
            String kubectl = Tools.require("kubectl", "kubectl's built-in kustomize renders the manifests").toString();
            Tools.Result result = Tools.run("", List.of(kubectl, "kustomize", "deploy/" + f));
            assertThat(result.exitCode()).as("kubectl kustomize deploy/" + f + ": " + result.output()).isZero();
            return result.output();
        });
    }

    static List<JsonNode> objects(String folder) {
        try {
            return new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(rendered(folder)).readAll();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    static JsonNode named(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static JsonNode container(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec").path("containers").get(0);
    }

    static Map<String, String> labels(JsonNode deployment) {
        Map<String, String> labels = new HashMap<>();
        deployment.path("spec").path("template").path("metadata").path("labels").fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    static String env(JsonNode deployment, String name) {
        for (JsonNode variable : container(deployment).path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable.path("value").asText(null);
            }
        }
        return null;
    }

    /** A label selector (matchLabels, matchExpressions with In) applied to labels. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        var matchLabels = selector.path("matchLabels").fields();
        while (matchLabels.hasNext()) {
            var label = matchLabels.next();
            if (!label.getValue().asText().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            assertThat(expression.path("operator").asText()).as("operators this test reads").isEqualTo("In");
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            if (!values.contains(labels.get(expression.path("key").asText()))) {
                return false;
            }
        }
        return true;
    }

    /** Kubernetes memory quantities in MiB (Mi, Gi). */
    static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertThat(m.matches()).as("memory quantity " + quantity).isTrue();
        return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s-operators"})
    void everyBuiltInObjectMatchesTheKubernetesSchema(String folder) {
        String node = Tools.require("node", "Debian's nodejs").toString();
        Tools.requirePresent(Files.isDirectory(RepositoryFiles.ROOT.resolve("deploy/schema-check/node_modules")),
                "deploy/schema-check has its packages (npm ci there, as .ci/run does)");
        Tools.Result result = Tools.run(rendered(folder), List.of(node, "deploy/schema-check/validate.mjs"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        List<String> lines = result.output().lines().toList();
        Set<String> builtIn = Set.of("Namespace", "ConfigMap", "Service", "Deployment", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "NetworkPolicy");
        for (JsonNode object : objects(folder)) {
            String name = object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
            assertThat(lines).as("schema check of " + name)
                    .contains((builtIn.contains(object.path("kind").asText()) ? "valid " : "unchecked " + object.path("apiVersion").asText() + " ")
                            + name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s-operators"})
    void everyServiceOfTheTopologyIsADeploymentWithAService(String folder) {
        List<JsonNode> objects = objects(folder);
        assertThat(ofKind(objects, "Deployment")).extracting(d -> d.path("metadata").path("name").asText())
                .containsExactlyInAnyOrderElementsOf(TOPOLOGY.modules());
        assertThat(ofKind(objects, "Service")).extracting(d -> d.path("metadata").path("name").asText())
                .containsExactlyInAnyOrderElementsOf(TOPOLOGY.modules());
        assertThat(ofKind(objects, "Secret")).as("Secrets are made in the cluster, never rendered from the repository").isEmpty();
    }

    @Test
    void probesMeanWhatTheySay() {
        for (JsonNode deployment : ofKind(objects("k8s"), "Deployment")) {
            JsonNode container = container(deployment);
            String name = deployment.path("metadata").path("name").asText();
            assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).as(name).isEqualTo("/q/health/started");
            // readiness is the database only (a broker outage never takes a replica out: docs/reliability.md)
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).as(name).isEqualTo("/q/health/ready");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).as(name).isEqualTo("/q/health/live");
            JsonNode startup = container.path("startupProbe");
            assertThat(startup.path("periodSeconds").asInt() * startup.path("failureThreshold").asInt())
                    .as("seconds " + name + " has for migrations before it is restarted").isGreaterThanOrEqualTo(120);
            JsonNode liveness = container.path("livenessProbe");
            assertThat(liveness.path("periodSeconds").asInt() * liveness.path("failureThreshold").asInt())
                    .as("seconds of failed liveness before " + name + " is restarted (a long GC pause is not death)").isGreaterThanOrEqualTo(30);
            assertThat(container.toString()).doesNotContain("/q/health/group/stream");
        }
    }

    @Test
    void resourcesCoverTheMeasuredFootprint() throws IOException {
        Map<String, Long> peak = measuredPeakRss();
        assertThat(peak.keySet()).containsExactlyInAnyOrderElementsOf(TOPOLOGY.modules());
        for (JsonNode deployment : ofKind(objects("k8s"), "Deployment")) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode resources = container(deployment).path("resources");
            assertThat(resources.path("requests").path("cpu").asText()).as("CPU request of " + name).isNotEmpty();
            long request = mebibytes(resources.path("requests").path("memory").asText());
            long limit = mebibytes(resources.path("limits").path("memory").asText());
            assertThat(request).as("memory request of " + name + " against its peak RSS").isGreaterThanOrEqualTo(peak.get(name));
            assertThat(limit).as("memory limit of " + name).isGreaterThanOrEqualTo(request + 128);
        }
        String config = named(objects("k8s"), "ConfigMap", configMapName("k8s")).path("data").path("JAVA_OPTS").asText();
        assertThat(config).as("the JVM settings the footprint was measured with").contains("-XX:+UseSerialGC", "-Xmx160m");
    }

    /** The "RSS peak under load MiB" column of docs/benchmarks.md's footprint table. */
    static Map<String, Long> measuredPeakRss() throws IOException {
        String benchmarks = Files.readString(RepositoryFiles.ROOT.resolve("docs/benchmarks.md"));
        String section = benchmarks.substring(benchmarks.indexOf("### 5. Footprint"));
        Map<String, Long> peak = new HashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| ([a-z-]+) \\| [\\d.]+ \\| [\\d.]+ \\| \\d+ \\| (\\d+) \\|$").matcher(section);
        while (row.find() && !peak.containsKey(row.group(1))) {
            peak.put(row.group(1), Long.parseLong(row.group(2)));
        }
        return peak;
    }

    static String configMapName(String folder) {
        return ofKind(objects(folder), "ConfigMap").get(0).path("metadata").path("name").asText();
    }

    @Test
    void everyWorkloadRunsHardened() {
        for (JsonNode deployment : ofKind(objects("k8s"), "Deployment")) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(name).isTrue();
            assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).as(name).isEqualTo("RuntimeDefault");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as(name).isFalse();
            JsonNode security = container(deployment).path("securityContext");
            assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
            assertThat(security.path("capabilities").path("drop").toString()).as(name).isEqualTo("[\"ALL\"]");
            String tmpVolume = null;
            for (JsonNode mount : container(deployment).path("volumeMounts")) {
                if (mount.path("mountPath").asText().equals("/tmp")) {
                    tmpVolume = mount.path("name").asText();
                }
            }
            assertThat(tmpVolume).as("/tmp of " + name).isNotNull();
            String tmp = tmpVolume;
            assertThat(pod.path("volumes")).as(name).anyMatch(v -> v.path("name").asText().equals(tmp) && v.has("emptyDir"));
        }
    }

    @Test
    void everyWorkloadAutoscalesOnCpuAndHasADisruptionBudget() {
        List<JsonNode> objects = objects("k8s");
        for (JsonNode deployment : ofKind(objects, "Deployment")) {
            String name = deployment.path("metadata").path("name").asText();
            assertThat(deployment.path("spec").has("replicas")).as(name + ": the autoscaler owns the count").isFalse();
            JsonNode hpa = named(objects, "HorizontalPodAutoscaler", name);
            assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(name);
            assertThat(hpa.path("spec").path("minReplicas").asInt()).as(name).isGreaterThanOrEqualTo(2);
            assertThat(hpa.path("spec").path("metrics").get(0).path("resource").path("name").asText()).as(name).isEqualTo("cpu");
            JsonNode pdb = named(objects, "PodDisruptionBudget", name);
            assertThat(selects(pdb.path("spec").path("selector"), labels(deployment))).as("budget of " + name).isTrue();
            assertThat(pdb.path("spec").path("maxUnavailable").asInt()).as(name).isEqualTo(1);
        }
    }

    @Test
    void theConnectionPoolsFitPostgresqlAtTheAutoscalersMaximum() throws IOException {
        List<JsonNode> objects = objects("k8s");
        int total = 0;
        for (JsonNode deployment : ofKind(objects, "Deployment")) {
            String name = deployment.path("metadata").path("name").asText();
            String pool = env(deployment, "QUARKUS_DATASOURCE_JDBC_MAX_SIZE");
            assertThat(pool).as("pool size of " + name + " (the application's default is sized for one process)").isNotNull();
            int replicas = named(objects, "HorizontalPodAutoscaler", name).path("spec").path("maxReplicas").asInt();
            // a rollout adds no pod beyond the maximum, or the budget would need one more pool per service
            assertThat(deployment.path("spec").path("strategy").path("rollingUpdate").path("maxSurge").asInt(-1)).as(name).isZero();
            total += replicas * Integer.parseInt(pool);
        }
        assertThat(total).as("connections of every pool at maxReplicas").isLessThanOrEqualTo(CONNECTION_BUDGET);
        assertThat(Files.readString(RepositoryFiles.ROOT.resolve("docs/deployment.md"))).as("the documented budget")
                .contains("**" + total + " connections**");
    }

    @Test
    void networkPoliciesDenyByDefaultAndOpenOnlyWhatEachWorkloadNeeds() {
        List<JsonNode> objects = objects("k8s");
        List<JsonNode> policies = ofKind(objects, "NetworkPolicy");
        assertThat(policies).as("a default deny of both directions").anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                && p.path("spec").path("policyTypes").toString().equals("[\"Ingress\",\"Egress\"]") && !p.path("spec").has("ingress")
                && !p.path("spec").has("egress"));
        Set<String> services = TOPOLOGY.upstreams().stream().map(Topology.Service::module).collect(Collectors.toSet());
        for (JsonNode deployment : ofKind(objects, "Deployment")) {
            String name = deployment.path("metadata").path("name").asText();
            List<JsonNode> ingress = new ArrayList<>();
            List<JsonNode> egress = new ArrayList<>();
            for (JsonNode policy : policies) {
                if (selects(policy.path("spec").path("podSelector"), labels(deployment))) {
                    policy.path("spec").path("ingress").forEach(ingress::add);
                    policy.path("spec").path("egress").forEach(egress::add);
                }
            }
            Set<String> from = new TreeSet<>();
            for (JsonNode rule : ingress) {
                for (JsonNode peer : rule.path("from")) {
                    from.add(peer.has("namespaceSelector")
                            ? "namespace " + peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText()
                            : "pods " + peer.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText());
                }
                assertThat(rule.path("from").isEmpty()).as(name + ": an ingress rule open to everyone").isFalse();
            }
            Set<String> to = new TreeSet<>();
            for (JsonNode rule : egress) {
                assertThat(rule.path("to").isEmpty()).as(name + ": an egress rule open to everywhere").isFalse();
                for (JsonNode peer : rule.path("to")) {
                    if (peer.has("ipBlock")) {
                        Set<String> except = new TreeSet<>();
                        peer.path("ipBlock").path("except").forEach(e -> except.add(e.asText()));
                        assertThat(except).as(name + ": the internet, not the cluster's networks").containsAll(PRIVATE_RANGES);
                        to.add("internet");
                    } else {
                        for (JsonNode port : rule.path("ports")) {
                            to.add(port.path("port").asText());
                        }
                    }
                }
            }
            if (name.equals("gateway")) {
                assertThat(from).containsExactlyInAnyOrder("namespace ingress-nginx", "namespace monitoring");
                // its database, the brokers, DNS, the services, and webhook receivers
                assertThat(to).containsExactlyInAnyOrder("5432", "9092", "53", "8081", "8082", "8083", "internet");
            } else {
                assertThat(services).contains(name);
                assertThat(from).as("only the gateway calls " + name).containsExactlyInAnyOrder("pods gateway", "namespace monitoring");
                assertThat(to).as(name + " reaches its database, the brokers and DNS only").containsExactlyInAnyOrder("5432", "9092", "53");
            }
        }
    }

    @Test
    void noPasswordIsCommittedAndEverySecretIsDocumented() throws IOException {
        String deployment = Files.readString(RepositoryFiles.ROOT.resolve("docs/deployment.md"));
        for (String file : RepositoryFiles.all()) {
            if (file.startsWith("deploy/k8s")) {
                assertThat(RepositoryFiles.text(file)).as(file).doesNotContain("change-me").doesNotContain("secretGenerator");
            }
        }
        Set<String> secrets = new TreeSet<>();
        for (JsonNode deploymentObject : ofKind(objects("k8s"), "Deployment")) {
            for (JsonNode variable : container(deploymentObject).path("env")) {
                if (variable.path("name").asText().contains("PASSWORD")) {
                    assertThat(variable.has("value")).as(variable.toString()).isFalse();
                }
                JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
                if (!ref.isMissingNode()) {
                    secrets.add(ref.path("name").asText());
                }
            }
            deploymentObject.path("spec").path("template").path("spec").path("volumes").forEach(v -> {
                if (v.has("secret")) {
                    secrets.add(v.path("secret").path("secretName").asText());
                }
            });
        }
        assertThat(secrets).isNotEmpty();
        for (String secret : secrets) {
            assertThat(deployment).as("how to create " + secret).contains("kubectl create secret generic " + secret + " ");
        }
    }

    @Test
    void theStrimziTopicsAreThePlatformsWithThreeCopiesTwoInSync() {
        List<JsonNode> topics = ofKind(objects("k8s-operators"), "KafkaTopic");
        List<String> expected = new ArrayList<>(TOPOLOGY.topics());
        expected.add("civic.deadletter.v1");
        assertThat(topics).extracting(t -> t.path("spec").path("topicName").asText()).containsExactlyInAnyOrderElementsOf(expected);
        for (JsonNode topic : topics) {
            String name = topic.path("spec").path("topicName").asText();
            assertThat(topic.path("spec").path("replicas").asInt()).as(name).isEqualTo(3);
            assertThat(topic.path("spec").path("config").path("min.insync.replicas").asInt()).as(name).isEqualTo(2);
            assertThat(topic.path("spec").path("config").path("retention.ms").asLong()).as(name + " keeps every change").isEqualTo(-1);
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("civic");
        }
        JsonNode kafka = named(objects("k8s-operators"), "Kafka", "civic");
        assertThat(kafka.path("spec").path("kafka").path("config").path("transaction.state.log.min.isr").asInt()).isEqualTo(2);
        String bootstrap = named(objects("k8s-operators"), "ConfigMap", configMapName("k8s-operators")).path("data")
                .path("KAFKA_BOOTSTRAP_SERVERS").asText();
        assertThat(bootstrap).isEqualTo("civic-kafka-bootstrap." + kafka.path("metadata").path("namespace").asText() + ".svc:9092");
    }

    @Test
    void eachServiceHasItsOwnCloudNativePgClusterAndReachesOnlyIt() {
        List<JsonNode> objects = objects("k8s-operators");
        for (Topology.Service service : TOPOLOGY.services()) {
            JsonNode deployment = named(objects, "Deployment", service.module());
            URI url = URI.create(env(deployment, "QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length()));
            String cluster = url.getHost().replaceFirst("-rw$", "");
            JsonNode pg = named(objects, "Cluster", cluster);
            assertThat(url.getPath()).isEqualTo("/" + service.database());
            assertThat(pg.path("spec").path("bootstrap").path("initdb").path("database").asText()).isEqualTo(service.database());
            assertThat(pg.path("metadata").path("namespace").asText()).as("its generated Secret is in the service's namespace")
                    .isEqualTo(deployment.path("metadata").path("namespace").asText());
            assertThat(container(deployment).path("env").toString()).as("the credentials the operator generates")
                    .contains("\"name\":\"" + cluster + "-app\"");
            JsonNode egress = named(objects, "NetworkPolicy", service.module() + "-egress");
            assertThat(egress.path("spec").path("egress").get(0).path("to").toString())
                    .isEqualTo("[{\"podSelector\":{\"matchLabels\":{\"cnpg.io/cluster\":\"" + cluster + "\"}}}]");
        }
    }
}
