package io.skygear.assets;

class FileSystemUploadFormTest extends UploadFormContract {

    @Override
    AssetFixture.Backend backend() {
        return AssetFixture.Backend.FILESYSTEM;
    }
}
