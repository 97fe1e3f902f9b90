package org.civicregistry.gateway.routing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows each upstream's readiness and circuit state. The gateway stays ready while any upstream is:
 * it still serves the others, answering 503 for the ones that are down.
 */
@Readiness
@ApplicationScoped
public class UpstreamsReadiness implements HealthCheck {

    private final Routes routes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public UpstreamsReadiness(Routes routes) {
        this.routes = routes;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("upstreams");
        boolean anyUp = routes.upstreams().isEmpty();
        for (UpstreamProxy upstream : routes.upstreams()) {
            boolean up = ready(upstream.url());
            anyUp |= up;
            response.withData(upstream.name(), (up ? "UP" : "DOWN") + ", circuit " + upstream.state());
        }
        return response.status(anyUp).build();
    }

    private boolean ready(URI base) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
