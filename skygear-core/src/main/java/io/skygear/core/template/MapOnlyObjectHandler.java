package io.skygear.core.template;

import com.github.mustachejava.reflect.ReflectionObjectHandler;
import java.lang.reflect.AccessibleObject;

/**
 * Lets templates read map entries (and iterate lists) only: no getters, fields or methods of the
 * values, so that a tenant's template cannot reach into Java objects ({@code {{link.class}}} renders
 * nothing).
 */
final class MapOnlyObjectHandler extends ReflectionObjectHandler {

    @Override
    protected AccessibleObject findMember(Class sClass, String name) {
        return null;
    }
}
