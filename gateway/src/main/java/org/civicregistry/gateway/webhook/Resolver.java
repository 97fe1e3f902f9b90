package org.civicregistry.gateway.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Host name to addresses, for vetting webhook receivers. A bean of its own so that tests can stand
 * in for DNS (a name that changes its answer between registration and delivery).
 */
public interface Resolver {

    /** @throws UnknownHostException when the name has no address */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
