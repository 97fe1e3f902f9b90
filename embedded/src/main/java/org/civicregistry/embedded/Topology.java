package org.civicregistry.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.ToIntFunction;

/**
 * The platform's services as {@code platform.properties} (next to this class) declares them: the one
 * list the launcher, the end-to-end suite and the benchmarks start, and that the compose and
 * Kubernetes files are checked against. Properties rather than JSON or YAML: every reader has them
 * without a parser on its classpath.
 */
public record Topology(List<Service> services) {

    /**
     * One service.
     *
     * @param name     short name: {@code CIVIC_<NAME>_PORT} sets its port for {@code ./civic up}
     * @param module   the Maven module, process and deployment name
     * @param port     its default HTTP port
     * @param database its own database
     * @param topic    the topic its outbox publishes to; null for the gateway, which publishes none
     * @param upstream the gateway's name for it ({@code civic.gateway.upstreams.<upstream>.url}); null for the gateway
     */
    public record Service(String name, String module, int port, String database, String topic, String upstream) {

        public String portVariable() {
            return "CIVIC_" + name.toUpperCase(Locale.ROOT) + "_PORT";
        }

        public boolean isUpstream() {
            return upstream != null;
        }

        /** The gateway's setting, as an environment variable, that holds this service's address. */
        public String upstreamUrlVariable() {
            return "CIVIC_GATEWAY_UPSTREAMS_" + upstream.toUpperCase(Locale.ROOT) + "_URL";
        }
    }

    private static final Topology PLATFORM = read();

    public Topology {
        services = List.copyOf(services);
    }

    /** The platform's topology. */
    public static Topology platform() {
        return PLATFORM;
    }

    /** The service of this module, or an error naming the ones there are. */
    public Service service(String module) {
        return services.stream().filter(s -> s.module().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module + " in " + modules()));
    }

    public List<String> modules() {
        return services.stream().map(Service::module).toList();
    }

    /** The services the gateway routes to. */
    public List<Service> upstreams() {
        return services.stream().filter(Service::isUpstream).toList();
    }

    /** The services' own topics, in the order of the services. */
    public List<String> topics() {
        return services.stream().map(Service::topic).filter(t -> t != null).toList();
    }

    /** The gateway's upstream settings for services listening on localhost, each on the port {@code portOf} gives. */
    public Map<String, String> localUpstreams(ToIntFunction<Service> portOf) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Service upstream : upstreams()) {
            environment.put(upstream.upstreamUrlVariable(), "http://localhost:" + portOf.applyAsInt(upstream));
        }
        return environment;
    }

    private static Topology read() {
        Properties file = new Properties();
        try (InputStream in = Topology.class.getResourceAsStream("platform.properties")) {
            if (in == null) {
                throw new IllegalStateException("platform.properties is missing next to " + Topology.class.getName());
            }
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Service> services = new ArrayList<>();
        for (String name : file.getProperty("services").split(",")) {
            String key = name.strip();
            services.add(new Service(key, required(file, key + ".module"), Integer.parseInt(required(file, key + ".port")),
                    required(file, key + ".database"), file.getProperty(key + ".topic"), file.getProperty(key + ".upstream")));
        }
        return new Topology(services);
    }

    private static String required(Properties file, String key) {
        String value = file.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("platform.properties has no " + key);
        }
        return value.strip();
    }
}
