package io.maid.goose.adapter.config.json;

import io.maid.goose.ports.out.JsonBodyReader;
import io.maid.goose.testkit.JsonBodyReaderContract;

class JacksonJsonBodyReaderContractTest extends JsonBodyReaderContract {
    private final JacksonJsonBodyReader reader = new JacksonJsonBodyReader();

    @Override
    protected JsonBodyReader reader() {
        return reader;
    }
}
