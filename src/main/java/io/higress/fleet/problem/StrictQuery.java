package io.higress.fleet.problem;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint takes only the query parameters it declares, each once ({@link StrictQueryFilter}). On writes this
 * is a safety rule: with targeting's "no parameter = every cluster", a misspelt {@code ?cluster=dev} would
 * otherwise write to the whole fleet.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface StrictQuery {
}
