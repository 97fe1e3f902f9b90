package org.civicregistry.gateway.apikey;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.civicregistry.gateway.GatewayConfig;
import org.civicregistry.gateway.routing.Quota;

/** What an issued key may do: its quotas come from civic.gateway.clients.&lt;tier&gt;.*. */
public enum ApiKeyTier {
    STANDARD, PARTNER;

    public List<Quota> quotas(GatewayConfig.Clients config) {
        long perMinute = this == STANDARD ? config.standard().perMinute() : config.partner().perMinute();
        long perDay = this == STANDARD ? config.standard().perDay() : config.partner().perDay();
        return List.of(new Quota("minute", perMinute, Duration.ofMinutes(1)), new Quota("day", perDay, Duration.ofDays(1)));
    }

    /** As the API writes it: {@code standard}, {@code partner}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
