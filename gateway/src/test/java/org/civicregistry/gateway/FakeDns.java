package org.civicregistry.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.civicregistry.gateway.webhook.Resolver;

/**
 * DNS as a test says it is: names it was told map to the addresses given (and may change their
 * answer, as a rebinding attacker's DNS does); every other name is resolved by the system.
 */
@ApplicationScoped
public class FakeDns implements Resolver {

    private static final Map<String, List<InetAddress>> NAMES = new ConcurrentHashMap<>();

    /** From now on {@code host} resolves to these address literals. */
    static void answer(String host, String... literals) throws UnknownHostException {
        List<InetAddress> addresses = new java.util.ArrayList<>();
        for (String literal : literals) {
            addresses.add(InetAddress.getByAddress(host, InetAddress.getByName(literal).getAddress()));
        }
        NAMES.put(host, List.copyOf(addresses));
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        List<InetAddress> addresses = NAMES.get(host);
        return addresses != null ? addresses : List.of(InetAddress.getAllByName(host));
    }
}
