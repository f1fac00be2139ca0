package io.skygear.assets;

class S3ListDeleteTest extends ListDeleteContract {

    @Override
    AssetFixture.Backend backend() {
        return AssetFixture.Backend.S3;
    }
}
