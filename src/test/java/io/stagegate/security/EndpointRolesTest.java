package io.stagegate.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fence around the product's own surfaces (api, web): every endpoint names its role, so a new endpoint cannot be
 * open by omission, and every change needs admin. {@code /api/evaluate} is the one POST that only reads; the web UI's
 * sign-in page is the one open by design.
 */
class EndpointRolesTest {
    private static final Set<String> READS_BY_POST = Set.of("io.stagegate.api.EvaluateResource");
    /** Signing in and out of the web UI is open by nature (the token posted decides the role), and says so with @PermitAll. */
    private static final Set<String> OPEN_BY_DESIGN = Set.of("io.stagegate.web.SignInPage");

    @Test
    void everyEndpointNamesItsRoleAndEveryChangeNeedsAdmin() {
        List<String> open = new ArrayList<>();
        List<String> changesWithoutAdmin = new ArrayList<>();
        int endpoints = 0;
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.stagegate.api", "io.stagegate.web")) {
            Class<?> resource = type.reflect();
            if (!resource.isAnnotationPresent(Path.class) || resource.isInterface()) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                boolean change = method.isAnnotationPresent(POST.class) || method.isAnnotationPresent(PUT.class)
                        || method.isAnnotationPresent(PATCH.class) || method.isAnnotationPresent(DELETE.class);
                if (!change && !method.isAnnotationPresent(GET.class)) {
                    continue;
                }
                endpoints++;
                RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                        : resource.getAnnotation(RolesAllowed.class);
                String name = resource.getSimpleName() + "." + method.getName();
                if (OPEN_BY_DESIGN.contains(resource.getName()) && resource.isAnnotationPresent(PermitAll.class) && roles == null) {
                    continue;
                }
                if (roles == null) {
                    open.add(name);
                } else if (change && !READS_BY_POST.contains(resource.getName()) && !List.of(roles.value()).equals(List.of(Roles.ADMIN))) {
                    changesWithoutAdmin.add(name);
                }
            }
        }
        assertThat(endpoints).as("endpoints found (a broken scan finds none)").isGreaterThan(5);
        assertThat(open).as("endpoints without @RolesAllowed").isEmpty();
        assertThat(changesWithoutAdmin).as("changes that do not need admin").isEmpty();
    }
}
