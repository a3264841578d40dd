package dev.hostpolicy.core.audit;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The records a query or tail returns, read lazily from the files, and the lines that were skipped on
 * the way ({@link #issues()}: a torn final line, a malformed line). Iterate once; close it to release
 * the open file. Reading errors surface as {@link UncheckedIOException}.
 *
 * <pre>{@code
 * try (AuditRecords records = log.query(AuditQuery.builder().event("auth.*").build())) {
 *   for (AuditRecord r : records) {
 *     show(r);
 *   }
 *   records.issues().forEach(issue -> warn(issue.toString()));
 * }
 * }</pre>
 */
public final class AuditRecords implements Iterable<AuditRecord>, AutoCloseable {
  private final Iterator<AuditRecord> source;
  private final AutoCloseable resource;
  private final List<AuditLineIssue> issues;
  private boolean iterated;

  AuditRecords(Iterator<AuditRecord> source, AutoCloseable resource, List<AuditLineIssue> issues) {
    this.source = source;
    this.resource = resource;
    this.issues = issues;
  }

  static AuditRecords of(List<AuditRecord> records, List<AuditLineIssue> issues) {
    return new AuditRecords(records.iterator(), () -> { }, new CopyOnWriteArrayList<>(issues));
  }

  /** The records; can be called once. */
  @Override
  public synchronized Iterator<AuditRecord> iterator() {
    if (iterated) {
      throw new IllegalStateException("AuditRecords can be iterated once");
    }
    iterated = true;
    return source;
  }

  /** The records as a sequential stream; can be called once. */
  public Stream<AuditRecord> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** Reads every remaining record into a list. */
  public List<AuditRecord> toList() {
    List<AuditRecord> out = new ArrayList<>();
    iterator().forEachRemaining(out::add);
    return out;
  }

  /** The lines skipped so far (complete once iteration finished). */
  public List<AuditLineIssue> issues() {
    return List.copyOf(issues);
  }

  /** Releases the open file. */
  @Override
  public void close() {
    try {
      resource.close();
    } catch (Exception e) {
      // closing a read-only channel: nothing to recover
    }
  }
}
