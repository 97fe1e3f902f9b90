package org.civicregistry.gateway.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/** The JVM's resolver (the system's DNS, honouring the JVM's address cache). */
@ApplicationScoped
@DefaultBean
public class SystemResolver implements Resolver {

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }
}
