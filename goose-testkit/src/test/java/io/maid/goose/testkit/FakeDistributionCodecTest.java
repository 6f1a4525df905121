package io.maid.goose.testkit;

import io.maid.goose.ports.out.RunConfigCodec;

class FakeDistributionCodecTest extends DistributionCodecContract {
    @Override
    protected RunConfigCodec codec() {
        return new FakeRunConfigCodec();
    }
}
