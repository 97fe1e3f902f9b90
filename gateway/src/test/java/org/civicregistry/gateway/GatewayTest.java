package org.civicregistry.gateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.civicregistry.testsupport.CivicTestResources;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A gateway test: real Kafka and PostgreSQL, and real upstream HTTP servers (one answers, one hangs,
 * one refuses). The gateway's own exchanges are checked against its OpenAPI document ({@link GatewayContract}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTest
@ExtendWith(GatewayContract.class)
@WithTestResource(value = CivicTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = Upstreams.class, scope = TestResourceScope.MATCHING_RESOURCES)
public @interface GatewayTest {
}
