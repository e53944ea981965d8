package io.higress.fleet.problem;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** 400 for a query parameter a {@link StrictQuery} endpoint does not declare, or one given twice; naming it. */
@Provider
@StrictQuery
public class StrictQueryFilter implements ContainerRequestFilter {

    private static final Map<Method, Set<String>> DECLARED = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Set<String> declared = DECLARED.computeIfAbsent(resource.getResourceMethod(), StrictQueryFilter::declared);
        Map<String, List<String>> params = request.getUriInfo().getQueryParameters();
        QueryParameters.rejectUnknown(params, declared);
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (QueryParameters.TARGETING.contains(p.getKey()) && p.getValue().get(0).isBlank()) {
                // JAX-RS may hand an empty value to the resource as "not given", which targets every cluster
                throw new ProblemException(Problem.invalid(p.getKey(), "is empty; give a value, or leave the "
                        + "parameter out to target every cluster"));
            }
            if (p.getValue().size() > 1) {
                throw new ProblemException(Problem.invalid(p.getKey(), "given " + p.getValue().size()
                        + " times; give it once (lists are comma-separated)"));
            }
        }
    }

    /** The method's {@code @QueryParam}s, including those of its {@code @BeanParam} classes and their superclasses. */
    static Set<String> declared(Method method) {
        java.util.SortedSet<String> names = new TreeSet<>();
        for (Parameter p : method.getParameters()) {
            QueryParam q = p.getAnnotation(QueryParam.class);
            if (q != null) {
                names.add(q.value());
            }
            if (p.isAnnotationPresent(BeanParam.class)) {
                for (Class<?> c = p.getType(); c != null && c != Object.class; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        QueryParam fq = f.getAnnotation(QueryParam.class);
                        if (fq != null) {
                            names.add(fq.value());
                        }
                    }
                }
            }
        }
        return java.util.Collections.unmodifiableSortedSet(names);
    }
}
