package io.skygear.core.tenant;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Finds the tenant a request is for (by host, header, path...); empty when there is none. */
@FunctionalInterface
public interface TenantResolver {

    Optional<TenantContext> resolve(HttpServletRequest request);
}
