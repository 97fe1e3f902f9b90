package org.civicregistry.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.civicregistry.testsupport.CivicTestResources;
import org.civicregistry.testsupport.Contract;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A test of events-service against the real broker and a fresh database, with the upstream topics it
 * reads in place before it starts; every such test shares one Quarkus start. Every request and response
 * is checked against the service's OpenAPI document ({@link Contract}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTest
@ExtendWith(Contract.Extension.class)
@WithTestResource(value = CivicTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "events"))
@WithTestResource(value = UpstreamTopics.class, scope = TestResourceScope.MATCHING_RESOURCES)
public @interface EventsTest {
}
