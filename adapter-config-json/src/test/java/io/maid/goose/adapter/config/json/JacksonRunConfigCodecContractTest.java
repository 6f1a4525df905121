package io.maid.goose.adapter.config.json;

import io.maid.goose.ports.out.RunConfigCodec;
import io.maid.goose.testkit.RunConfigCodecContract;

class JacksonRunConfigCodecContractTest extends RunConfigCodecContract {
    private final JacksonRunConfigCodec codec = new JacksonRunConfigCodec();

    @Override
    protected RunConfigCodec codec() {
        return codec;
    }
}
