DROP TABLE _asset_object;
