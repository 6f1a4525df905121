package io.maid.goose.adapter.config.json;

import io.maid.goose.ports.out.RunConfigCodec;
import io.maid.goose.testkit.DistributionCodecContract;

class JacksonDistributionCodecTest extends DistributionCodecContract {
    @Override
    protected RunConfigCodec codec() {
        return new JacksonRunConfigCodec();
    }
}
