package dev.hostpolicy.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code @ForAll String} parameter to be fed {@link PolicyArbitraries#adversarialSettingValues()}:
 * the values an operator setting parser must reject or parse exactly.
 *
 * <pre>{@code
 * @Property
 * void neverSilentlyDefaults(@ForAll @AdversarialSetting String raw) {
 *   // build with INFLOOP_WEBHOOK_RATE_LIMIT=raw: either a parsed value or an error naming the key
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface AdversarialSetting {}
