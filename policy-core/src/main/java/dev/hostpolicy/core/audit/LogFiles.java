package dev.hostpolicy.core.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The file names of an audit directory and line-by-line reading, forwards and backwards. */
final class LogFiles {
  private LogFiles() {}

  static final String LIVE = "audit.jsonl";
  static final int READER_MAX_LINE = 16 * 1024 * 1024;
  private static final Pattern ROTATED = Pattern.compile("audit\\.([1-9][0-9]{0,3})\\.jsonl");

  static String rotatedName(int index) {
    return "audit." + index + ".jsonl";
  }

  /** The indices of the rotated files present, ascending (newest first). */
  static List<Integer> rotatedIndices(Path dir) throws IOException {
    List<Integer> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "audit.*.jsonl")) {
      for (Path p : s) {
        Matcher m = ROTATED.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.add(Integer.parseInt(m.group(1)));
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  /** The names of every log file present, oldest first ({@code audit.N.jsonl} … {@code audit.1.jsonl}, {@code audit.jsonl}). */
  static List<String> oldestFirst(Path dir) throws IOException {
    List<Integer> idx = rotatedIndices(dir);
    List<String> out = new ArrayList<>();
    for (int i = idx.size() - 1; i >= 0; i--) {
      out.add(rotatedName(idx.get(i)));
    }
    if (Files.exists(dir.resolve(LIVE), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      out.add(LIVE);
    }
    return out;
  }

  /** One line: where it starts, its bytes (without the line break), and whether a line break ends it. */
  record Line(long offset, byte[] bytes, int length, boolean terminated, boolean oversized) {}

  /** Lines from the start of a channel up to {@code limit}, with 1-based numbers. */
  static final class Forward {
    private final FileChannel ch;
    private final long limit;
    private final int maxLine;
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    private long filePos;
    private byte[] line = new byte[512];
    private long number;

    Forward(FileChannel ch, long limit, int maxLine) {
      this.ch = ch;
      this.limit = limit;
      this.maxLine = maxLine;
      buf.limit(0);
    }

    long number() {
      return number;
    }

    /** The next line, or {@code null} at the end. A line longer than the cap comes back empty and oversized. */
    Line next() throws IOException {
      int len = 0;
      boolean oversized = false;
      long start = filePos - buf.remaining();
      boolean any = false;
      while (true) {
        if (!buf.hasRemaining()) {
          if (filePos >= limit) {
            if (!any) {
              return null;
            }
            number++;
            return new Line(start, Arrays.copyOf(line, oversized ? 0 : len), oversized ? 0 : len, false, oversized);
          }
          buf.clear();
          buf.limit((int) Math.min(buf.capacity(), limit - filePos));
          int n = ch.read(buf, filePos);
          if (n <= 0) {
            buf.limit(0);
            if (!any) {
              return null;
            }
            number++;
            return new Line(start, Arrays.copyOf(line, oversized ? 0 : len), oversized ? 0 : len, false, oversized);
          }
          filePos += n;
          buf.flip();
        }
        any = true;
        byte[] a = buf.array();
        int p = buf.position();
        int end = buf.limit();
        int nl = p;
        while (nl < end && a[nl] != '\n') {
          nl++;
        }
        int chunk = nl - p;
        if (!oversized) {
          if ((long) len + chunk > maxLine) {
            oversized = true;
          } else {
            if (len + chunk > line.length) {
              line = Arrays.copyOf(line, Math.max(len + chunk, line.length * 2));
            }
            System.arraycopy(a, p, line, len, chunk);
            len += chunk;
          }
        }
        if (nl < end) {
          buf.position(nl + 1);
          number++;
          byte[] out = Arrays.copyOf(line, oversized ? 0 : len);
          return new Line(start, out, out.length, true, oversized);
        }
        buf.position(end);
      }
    }
  }

  /** Lines from the end of a channel backwards. */
  static final class Backward {
    private final FileChannel ch;
    private long pos;
    private boolean first = true;

    Backward(FileChannel ch, long end) {
      this.ch = ch;
      this.pos = end;
    }

    /** The previous line, or {@code null} at the start; only the very last line can be unterminated. */
    Line previous() throws IOException {
      if (pos <= 0) {
        return null;
      }
      long contentEnd = pos;
      boolean terminated = true;
      if (readByte(pos - 1) == '\n') {
        contentEnd = pos - 1;
      } else {
        if (!first) {
          throw new IllegalStateException("a line before the last one has no line break");
        }
        terminated = false;
      }
      first = false;
      long start = contentEnd;
      int chunk = 8192;
      ByteBuffer b = ByteBuffer.allocate(chunk);
      search:
      while (start > 0) {
        long from = Math.max(0, start - chunk);
        b.clear();
        b.limit((int) (start - from));
        readFully(b, from);
        byte[] a = b.array();
        for (int i = b.limit() - 1; i >= 0; i--) {
          if (a[i] == '\n') {
            start = from + i + 1;
            break search;
          }
        }
        start = from;
      }
      long length = contentEnd - start;
      if (length > READER_MAX_LINE) {
        pos = start;
        return new Line(start, new byte[0], 0, terminated, true);
      }
      ByteBuffer content = ByteBuffer.allocate((int) length);
      readFully(content, start);
      pos = start;
      return new Line(start, content.array(), (int) length, terminated, false);
    }

    private byte readByte(long at) throws IOException {
      ByteBuffer one = ByteBuffer.allocate(1);
      readFully(one, at);
      return one.get(0);
    }

    private void readFully(ByteBuffer b, long at) throws IOException {
      long p = at;
      while (b.hasRemaining()) {
        int n = ch.read(b, p);
        if (n < 0) {
          throw new IOException("the audit file shrank while it was read");
        }
        p += n;
      }
    }
  }
}
