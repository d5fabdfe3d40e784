package dev.mcpgateway.deploy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds fields the Kubernetes API would reject: fabric8 keeps properties it does not know in
 * {@code getAdditionalProperties()} instead of failing, so a typo like {@code readOnlyRootFileSystem} would pass
 * a plain parse. Walks the model's getters and reports every such property with its path.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    static List<String> in(Object resource) {
        List<String> found = new ArrayList<>();
        walk(resource, resource.getClass().getSimpleName(), found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", found);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, found));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = getter.getName();
            if (name.equals("getAdditionalProperties")) {
                Map<?, ?> extra = (Map<?, ?>) invoke(getter, value);
                if (extra != null) {
                    extra.keySet().forEach(key -> found.add(path + "." + key));
                }
            } else if (name.startsWith("get") && !name.equals("getClass")) {
                walk(invoke(getter, value), path + "." + decapitalize(name.substring(3)), found);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
