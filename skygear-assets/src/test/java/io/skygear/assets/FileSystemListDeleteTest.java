package io.skygear.assets;

class FileSystemListDeleteTest extends ListDeleteContract {

    @Override
    AssetFixture.Backend backend() {
        return AssetFixture.Backend.FILESYSTEM;
    }
}
