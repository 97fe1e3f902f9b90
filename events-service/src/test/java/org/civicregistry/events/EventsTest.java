package org.civicregistry.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.civicregistry.testsupport.CivicTestResources;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A test of events-service against the real broker and a fresh database, with the upstream topics it
 * reads in place before it starts; every such test shares one Quarkus start.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTest
@WithTestResource(value = CivicTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "events"))
@WithTestResource(value = UpstreamTopics.class, scope = TestResourceScope.MATCHING_RESOURCES)
public @interface EventsTest {
}
