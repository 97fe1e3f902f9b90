package org.civicregistry.agreements.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of agreements-service beyond the shared civic.outbox.* and civic.consumer.* ones. */
@ConfigMapping(prefix = "civic.agreements")
public interface AgreementsConfig {

    /** The change stream of officials-service, whose organizations, people, posts and memberships it learns. */
    @WithDefault("civic.officials.v1")
    String officialsTopic();

    /** The change stream of events-service, whose events agreements and programmes link to. */
    @WithDefault("civic.events.v1")
    String eventsTopic();
}
