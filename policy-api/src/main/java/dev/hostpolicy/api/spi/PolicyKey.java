package dev.hostpolicy.api.spi;

import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.Secret;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One composable rule of a {@code HostPolicy}: an id, a value type, a default and — the part that
 * makes plugin composition safe — a notion of which changes <em>loosen</em> it.
 *
 * <p>Profiles set defaults freely. A {@link PolicyContributor} found on the class path may tighten any
 * rule, but a change that {@link #loosens(Object, Object) loosens} one is applied only when the host
 * trusts that contributor's id; otherwise the build fails naming it. Each factory fixes the direction:
 *
 * <table>
 *   <caption>What loosens a rule</caption>
 *   <tr><th>factory</th><th>value</th><th>loosening change</th></tr>
 *   <tr><td>{@link #flag}</td><td>boolean</td><td>moving away from the strict value</td></tr>
 *   <tr><td>{@link #limit}</td><td>long &ge; 0, 0 = off</td><td>raising it, or setting 0</td></tr>
 *   <tr><td>{@link #decimalLimit}</td><td>decimal &ge; 0, 0 = off</td><td>raising it, or setting 0</td></tr>
 *   <tr><td>{@link #rate}</td><td>{@link Rate}</td><td>a higher rate, or off</td></tr>
 *   <tr><td>{@link #allowSet}</td><td>set of strings</td><td>adding an entry</td></tr>
 *   <tr><td>{@link #denySet}</td><td>set of strings</td><td>removing an entry</td></tr>
 *   <tr><td>{@link #ordered}</td><td>enum, strictest constant first</td><td>a later constant</td></tr>
 *   <tr><td>{@link #secret}</td><td>optional {@link Secret}</td><td>any change</td></tr>
 *   <tr><td>{@link #opaque}</td><td>any immutable value</td><td>any change</td></tr>
 * </table>
 *
 * <pre>{@code
 * static final PolicyKey<Long> MAX_STEPS =
 *     PolicyKey.limit("acme.max-steps", 500, "steps a run may take; 0 = unlimited");
 *
 * draft.set(MAX_STEPS, 100L); // tightening: always applied
 * draft.set(MAX_STEPS, 0L);   // loosening: needs .trust("acme.rules")
 * }</pre>
 *
 * @param <T> the value type; values are immutable
 */
public final class PolicyKey<T> {

  /** How a rule's strictness is judged; see the class documentation. */
  public enum Kind {
    /** A boolean with one strict value. */
    FLAG,
    /** A non-negative long; lower is stricter; 0 means off. */
    LIMIT,
    /** A non-negative decimal; lower is stricter; 0 means off. */
    DECIMAL_LIMIT,
    /** A {@link Rate}; lower is stricter; off is loosest. */
    RATE,
    /** A set of strings that grants access; adding loosens. */
    ALLOW_SET,
    /** A set of strings that removes access; removing loosens. */
    DENY_SET,
    /** An enum whose constants are declared strictest first. */
    ORDERED,
    /** An optional {@link Secret}; any change needs trust; never described. */
    SECRET,
    /** Any other immutable value; any change needs trust. */
    OPAQUE
  }

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*)+");

  private final String id;
  private final Kind kind;
  private final Class<?> valueType;
  private final T defaultValue;
  private final boolean strictFlag;
  private final String description;

  private PolicyKey(
      String id, Kind kind, Class<?> valueType, T defaultValue, boolean strictFlag, String description) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("policy key id must be dotted lowercase, like 'egress.allow': " + id);
    }
    this.id = id;
    this.kind = kind;
    this.valueType = valueType;
    this.strictFlag = strictFlag;
    this.description = Objects.requireNonNull(description, "description");
    this.defaultValue = normalize(defaultValue);
  }

  /** A boolean rule whose strict value is {@code strictValue}. */
  public static PolicyKey<Boolean> flag(
      String id, boolean defaultValue, boolean strictValue, String description) {
    return new PolicyKey<>(id, Kind.FLAG, Boolean.class, defaultValue, strictValue, description);
  }

  /** A non-negative whole-number limit; lower is stricter and {@code 0} turns it off. */
  public static PolicyKey<Long> limit(String id, long defaultValue, String description) {
    return new PolicyKey<>(id, Kind.LIMIT, Long.class, defaultValue, false, description);
  }

  /** A non-negative decimal limit (money); lower is stricter and {@code 0} turns it off. */
  public static PolicyKey<BigDecimal> decimalLimit(String id, BigDecimal defaultValue, String description) {
    return new PolicyKey<>(id, Kind.DECIMAL_LIMIT, BigDecimal.class, defaultValue, false, description);
  }

  /** A rate limit; lower is stricter and {@link Rate#off()} is the loosest. */
  public static PolicyKey<Rate> rate(String id, Rate defaultValue, String description) {
    return new PolicyKey<>(id, Kind.RATE, Rate.class, defaultValue, false, description);
  }

  /** A set of entries each of which grants something (egress hosts, env passthrough names). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static PolicyKey<Set<String>> allowSet(String id, Set<String> defaultValue, String description) {
    return new PolicyKey<>(id, Kind.ALLOW_SET, Set.class, defaultValue, false, description);
  }

  /** A set of entries each of which takes something away (egress deny patterns). */
  public static PolicyKey<Set<String>> denySet(String id, Set<String> defaultValue, String description) {
    return new PolicyKey<>(id, Kind.DENY_SET, Set.class, defaultValue, false, description);
  }

  /** An enum rule whose constants are declared from strictest to loosest. */
  public static <E extends Enum<E>> PolicyKey<E> ordered(
      String id, Class<E> type, E defaultValue, String description) {
    return new PolicyKey<>(id, Kind.ORDERED, type, defaultValue, false, description);
  }

  /** An optional secret (an API token). Never shown by {@code describe()}. */
  public static PolicyKey<Optional<Secret>> secret(String id, String description) {
    return new PolicyKey<>(id, Kind.SECRET, Optional.class, Optional.empty(), false, description);
  }

  /** Any other immutable value; every change by a contributor counts as loosening. */
  public static <V> PolicyKey<V> opaque(String id, Class<V> type, V defaultValue, String description) {
    return new PolicyKey<>(id, Kind.OPAQUE, type, defaultValue, false, description);
  }

  /** The dotted id, for example {@code egress.allow}. */
  public String id() {
    return id;
  }

  /** How strictness is judged. */
  public Kind kind() {
    return kind;
  }

  /** The (raw) value type. */
  public Class<?> valueType() {
    return valueType;
  }

  /** The value before any profile, contributor or setting changes it. */
  public T defaultValue() {
    return defaultValue;
  }

  /** What the rule controls, in one sentence. */
  public String description() {
    return description;
  }

  /** Whether values are secrets (redacted everywhere). */
  public boolean isSecret() {
    return kind == Kind.SECRET;
  }

  /**
   * Checks that {@code value} is a legal value of this rule and returns it in canonical immutable
   * form (sets become unmodifiable insertion-ordered copies).
   *
   * @throws IllegalArgumentException if the value has the wrong type or is out of range; the message
   *     never contains a secret
   */
  @SuppressWarnings("unchecked")
  public T normalize(Object value) {
    if (value == null) {
      throw new IllegalArgumentException(id + ": value must not be null");
    }
    switch (kind) {
      case FLAG:
        return (T) requireType(value, Boolean.class);
      case LIMIT:
        {
          Long v = requireType(value, Long.class);
          if (v < 0) {
            throw new IllegalArgumentException(id + ": must not be negative (0 turns the limit off)");
          }
          return (T) v;
        }
      case DECIMAL_LIMIT:
        {
          BigDecimal v = requireType(value, BigDecimal.class);
          if (v.signum() < 0) {
            throw new IllegalArgumentException(id + ": must not be negative (0 turns the limit off)");
          }
          return (T) v;
        }
      case RATE:
        return (T) requireType(value, Rate.class);
      case ALLOW_SET:
      case DENY_SET:
        {
          Set<?> raw = requireType(value, Set.class);
          LinkedHashSet<String> copy = new LinkedHashSet<>();
          for (Object entry : raw) {
            if (!(entry instanceof String) || ((String) entry).isEmpty()) {
              throw new IllegalArgumentException(id + ": entries must be non-empty strings");
            }
            copy.add((String) entry);
          }
          return (T) java.util.Collections.unmodifiableSet(copy);
        }
      case ORDERED:
        return (T) requireType(value, valueType);
      case SECRET:
        {
          Optional<?> raw = requireType(value, Optional.class);
          if (raw.isPresent() && !(raw.get() instanceof Secret)) {
            throw new IllegalArgumentException(id + ": value must be an Optional<Secret>");
          }
          return (T) raw;
        }
      case OPAQUE:
      default:
        return (T) requireType(value, valueType);
    }
  }

  private <V> V requireType(Object value, Class<V> type) {
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(
          id + ": expected a " + type.getSimpleName() + " but got a " + value.getClass().getSimpleName());
    }
    return type.cast(value);
  }

  /**
   * Whether changing this rule from {@code before} to {@code after} lets more through. Used to decide
   * whether a contributor's change needs the host's explicit trust.
   */
  public boolean loosens(T before, T after) {
    switch (kind) {
      case FLAG:
        return before.equals(strictFlag) && !after.equals(strictFlag);
      case LIMIT:
        {
          long b = (Long) before;
          long a = (Long) after;
          return b != 0 && (a == 0 || a > b);
        }
      case DECIMAL_LIMIT:
        {
          BigDecimal b = (BigDecimal) before;
          BigDecimal a = (BigDecimal) after;
          return b.signum() != 0 && (a.signum() == 0 || a.compareTo(b) > 0);
        }
      case RATE:
        return ((Rate) after).isLooserThan((Rate) before);
      case ALLOW_SET:
        return !((Set<?>) before).containsAll((Set<?>) after);
      case DENY_SET:
        return !((Set<?>) after).containsAll((Set<?>) before);
      case ORDERED:
        return ((Enum<?>) after).ordinal() > ((Enum<?>) before).ordinal();
      case SECRET:
      case OPAQUE:
      default:
        return !Objects.equals(before, after);
    }
  }

  /** Keys are equal when their ids are; a policy never holds two keys with one id. */
  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyKey && ((PolicyKey<?>) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return id;
  }

  /** Convenience for building a set default: an insertion-ordered immutable set of {@code entries}. */
  public static Set<String> entries(String... entries) {
    return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(entries)));
  }
}
