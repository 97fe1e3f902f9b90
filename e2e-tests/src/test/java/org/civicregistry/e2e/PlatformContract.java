package org.civicregistry.e2e;

import org.civicregistry.testsupport.Contract;

/**
 * The suite's exchanges with the gateway, checked against the platform document it publishes
 * ({@code /openapi}). Unlike the gateway's own tests, the real services stand behind its routes
 * here, so every API path is held to the document; only what is not an API operation (the demo
 * page, the widgets' script, Swagger UI) is exempt.
 */
public class PlatformContract extends Contract.Extension {

    public PlatformContract() {
        super("/openapi?format=json", path -> !(path.startsWith("/api/") || path.equals("/openapi") || path.equals("/asyncapi")));
    }
}
