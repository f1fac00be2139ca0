package io.skygear.assets;

class S3UploadFormTest extends UploadFormContract {

    @Override
    AssetFixture.Backend backend() {
        return AssetFixture.Backend.S3;
    }
}
