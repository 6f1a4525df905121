package io.maid.goose.adapter.feeds.csv;

import io.maid.goose.ports.out.FeedLoader;
import io.maid.goose.testkit.FeedLoaderContract;

class CommonsCsvFeedLoaderContractTest extends FeedLoaderContract {
    private final CommonsCsvFeedLoader loader = new CommonsCsvFeedLoader();

    @Override
    protected FeedLoader loader() {
        return loader;
    }
}
