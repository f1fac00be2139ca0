package io.skygear.assets;

class S3DownloadTest extends DownloadContract {

    @Override
    AssetFixture.Backend backend() {
        return AssetFixture.Backend.S3;
    }
}
