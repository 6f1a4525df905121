package io.maid.goose.support.http;

import io.maid.goose.fixtures.violations.adapter.beta.BetaThing;

/** Deliberate violation (test sources only): a support library that uses an adapter's class. */
public final class AdapterLeakFixture {
    public Object leak() {
        return new BetaThing();
    }
}
