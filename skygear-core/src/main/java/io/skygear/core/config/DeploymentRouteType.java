package io.skygear.core.config;

/** How the gateway forwards a deployment route: {@code http-service} keeps the path below the route, {@code http-handler} and {@code function} always call the target path. */
public enum DeploymentRouteType implements WireValue {
    HTTP_SERVICE, HTTP_HANDLER, FUNCTION
}
