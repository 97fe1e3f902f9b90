package org.civicregistry.gateway.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.civicregistry.gateway.GatewayConfig;
import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;

/** Sends each path prefix of the public API to the service that owns it. */
@ApplicationScoped
public class Routes {

    private static final Logger LOG = Logger.getLogger(Routes.class);

    private final GatewayConfig config;
    private final List<UpstreamProxy> upstreams = new ArrayList<>();

    public Routes(GatewayConfig config) {
        this.config = config;
    }

    void install(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false),
                new PoolOptions().setHttp1MaxSize(64));
        for (Map.Entry<String, GatewayConfig.Upstream> entry : config.upstreams().entrySet()) {
            UpstreamProxy upstream = new UpstreamProxy(entry.getKey(), entry.getValue().url(), vertx, client, config);
            upstreams.add(upstream);
            for (String prefix : entry.getValue().paths()) {
                // The exact path and everything below it, nothing that merely starts alike (/api/v1/peoples).
                router.route(prefix).order(10).handler(upstream::handle);
                router.route(prefix + "/*").order(10).handler(upstream::handle);
                LOG.infof("Routing %s to %s (%s)", prefix, entry.getKey(), entry.getValue().url());
            }
        }
    }

    public List<UpstreamProxy> upstreams() {
        return Collections.unmodifiableList(upstreams);
    }
}
