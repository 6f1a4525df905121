package io.maid.goose.testkit;

import io.maid.goose.ports.out.RunConfigCodec;

class FakeRunConfigCodecTest extends RunConfigCodecContract {
    private final FakeRunConfigCodec codec = new FakeRunConfigCodec();

    @Override
    protected RunConfigCodec codec() {
        return codec;
    }
}
