package io.maid.goose.adapter.driver.lean;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into its addresses, blocking as long as that takes; {@link LeanLoopTransport} calls it
 * off its loops only, and connects to the first address. {@code InetAddress::getAllByName} in production;
 * tests inject slow, failing or counting ones.
 */
@FunctionalInterface
interface HostResolver {
    /**
     * @return the host's addresses, at least one
     * @throws UnknownHostException if the host has none
     */
    InetAddress[] resolve(String host) throws UnknownHostException;
}
