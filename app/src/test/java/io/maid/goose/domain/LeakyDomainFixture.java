package io.maid.goose.domain;

import io.maid.goose.engine.GooseEngine;

/** TEST FIXTURE: deliberately breaks "domain is pure" so the rule is proven to bite. Never in production. */
public final class LeakyDomainFixture {
    public Object leak(GooseEngine engine) {
        return engine.status();
    }
}
