package org.civicregistry.testsupport.fuzz;

import java.util.Random;

/**
 * The one source of chance of a run, shared by every class that decides what to send: the seed
 * only reproduces a run while they all draw from it in the same order.
 */
final class SeededRandom extends Random {

    SeededRandom(long seed) {
        super(seed);
    }

    String pick(String... values) {
        return values[nextInt(values.length)];
    }
}
