/**
 * The tenant (app) configuration: immutable records with the YAML/JSON keys of Skygear Server v2's
 * {@code TenantConfiguration}. Load one with {@link io.skygear.core.config.TenantConfig#load} or
 * {@link io.skygear.core.config.TenantConfig#loader()}; every default of the original is applied and
 * every sub-object exists, so no component is ever {@code null}: absent strings are {@code ""},
 * absent lists are empty.
 */
package io.skygear.core.config;
