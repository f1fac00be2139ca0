package io.skygear.assets;

class FileSystemDownloadTest extends DownloadContract {

    @Override
    AssetFixture.Backend backend() {
        return AssetFixture.Backend.FILESYSTEM;
    }
}
