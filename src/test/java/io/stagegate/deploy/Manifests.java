package io.stagegate.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes manifests parsed strictly with the fabric8 model: every document must be a known kind, and no field may
 * land in a model object's catch-all {@code additionalProperties} (where a misspelt key such as {@code readinesProbe}
 * would otherwise go unnoticed). Custom resources (ServiceMonitor, PrometheusRule) parse as generic resources.
 */
final class Manifests {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private final List<HasMetadata> resources;

    private Manifests(List<HasMetadata> resources) {
        this.resources = List.copyOf(resources);
    }

    /** Parses a multi-document YAML stream; {@code source} names it in failure messages. */
    static Manifests parse(String yaml, String source) {
        List<HasMetadata> resources = new ArrayList<>();
        String[] documents = DOCUMENT_SEPARATOR.split(yaml);
        for (int i = 0; i < documents.length; i++) {
            String document = documents[i];
            if (document.lines().allMatch(line -> line.isBlank() || line.trim().startsWith("#"))) {
                continue;
            }
            String where = source + ", document " + (i + 1);
            Object parsed;
            try {
                parsed = SERIALIZATION.unmarshal(document, KubernetesResource.class);
            } catch (RuntimeException e) {
                throw new AssertionError(where + " is not a Kubernetes object: " + e.getMessage() + "\n" + document, e);
            }
            if (!(parsed instanceof HasMetadata resource)) {
                throw new AssertionError(where + " is not a Kubernetes object with metadata:\n" + document);
            }
            if (resource.getMetadata() == null || resource.getMetadata().getName() == null) {
                throw new AssertionError(where + " (" + resource.getKind() + ") has no metadata.name");
            }
            if (!(resource instanceof GenericKubernetesResource)) {
                List<String> unknown = new ArrayList<>();
                collectUnknownFields(resource, resource.getKind() + "/" + resource.getMetadata().getName(), unknown);
                if (!unknown.isEmpty()) {
                    throw new AssertionError(where + " has fields the Kubernetes API does not know: " + unknown);
                }
            }
            resources.add(resource);
        }
        return new Manifests(resources);
    }

    List<HasMetadata> all() {
        return resources;
    }

    <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T single(Class<T> type) {
        List<T> found = ofType(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size() + ": " + kinds());
        }
        return found.get(0);
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return ofType(type).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }

    Optional<GenericKubernetesResource> custom(String kind) {
        return ofType(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).findFirst();
    }

    List<String> kinds() {
        return resources.stream().map(r -> r.getKind() + "/" + r.getMetadata().getName()).toList();
    }

    /** Walks the model's getters; any entry in an {@code additionalProperties} map is a field the schema lacks. */
    private static void collectUnknownFields(Object node, String path, List<String> unknown) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean || node instanceof Enum<?>
                || node instanceof Quantity || node instanceof IntOrString) {
            return;
        }
        if (node instanceof Collection<?> collection) {
            int index = 0;
            for (Object item : collection) {
                collectUnknownFields(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method method : node.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers()) || !method.getName().startsWith("get")
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(method, node);
            if (method.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
                continue;
            }
            String property = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
            collectUnknownFields(value, path + "." + property, unknown);
        }
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + method, e);
        }
    }
}
