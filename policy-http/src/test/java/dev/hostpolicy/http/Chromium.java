package dev.hostpolicy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the DevTools protocol with the JDK's WebSocket client: no driver, no
 * extra dependency. {@link #launch()} fails loudly when no {@code chromium} is installed ({@code
 * .ci/run} installs it).
 */
public final class Chromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();

  private Chromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** The chromium binary: $CHROMIUM, or chromium / chromium-browser on the PATH. */
  static Path binary() {
    String env = System.getenv("CHROMIUM");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    throw new AssertionError("no chromium on the PATH: the browser test needs Debian's chromium package "
        + "(apt-get install chromium; .ci/run installs it). Set CHROMIUM to use another binary.");
  }

  public static Chromium launch() throws Exception {
    Path profile = Files.createTempDirectory("hostpolicy-chromium-");
    ProcessBuilder pb = new ProcessBuilder(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--no-default-browser-check", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0",
        "about:blank");
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    try {
      String browserWs = awaitDevToolsUrl(p);
      URI base = URI.create(browserWs.replaceFirst("^ws://", "http://").replaceFirst("/devtools/.*$", ""));
      HttpClient http = HttpClient.newHttpClient();
      JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("/json/list")).timeout(WAIT).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      String pageWs = null;
      for (JsonNode t : targets) {
        if (t.path("type").asText().equals("page")) {
          pageWs = t.path("webSocketDebuggerUrl").asText();
          break;
        }
      }
      if (pageWs == null) {
        throw new AssertionError("chromium opened no page target: " + targets);
      }
      Holder holder = new Holder();
      WebSocket ws = http.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(URI.create(pageWs), holder)
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      Chromium c = new Chromium(p, profile, ws);
      holder.owner = c;
      return c;
    } catch (Exception | AssertionError e) {
      destroy(p);
      throw e;
    }
  }

  /** Reads stderr until "DevTools listening on ws://..." (bounded), then keeps draining it. */
  private static String awaitDevToolsUrl(Process p) throws Exception {
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> url = new CompletableFuture<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    Thread t = new Thread(() -> {
      try {
        String line;
        while ((line = err.readLine()) != null) {
          if (seen.size() < 50) {
            seen.add(line);
          }
          int i = line.indexOf("ws://");
          if (line.contains("DevTools listening on") && i >= 0) {
            url.complete(line.substring(i).strip());
          }
        }
        url.completeExceptionally(new AssertionError("chromium exited without a DevTools endpoint: " + seen));
      } catch (IOException e) {
        url.completeExceptionally(e);
      }
    }, "chromium-stderr");
    t.setDaemon(true);
    t.start();
    try {
      return url.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("chromium printed no DevTools endpoint within " + WAIT + ": " + seen);
    }
  }

  private final class Listener {
    void onMessage(String text) {
      try {
        JsonNode msg = JSON.readTree(text);
        if (msg.has("id")) {
          CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
          if (f != null) {
            f.complete(msg);
          }
        } else {
          events.add(msg);
          synchronized (Chromium.this) {
            Chromium.this.notifyAll();
          }
        }
      } catch (IOException e) {
        events.add(JSON.createObjectNode().put("method", "parse-error").put("text", text));
      }
    }
  }

  /** Collects (possibly fragmented) text frames. */
  private static final class Holder implements WebSocket.Listener {
    volatile Chromium owner;
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        Chromium c = owner;
        if (c != null) {
          c.new Listener().onMessage(text);
        }
      }
      webSocket.request(1);
      return null;
    }
  }

  /** Sends one command and waits for its result. */
  public JsonNode call(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", JSON.valueToTree(params));
    socket.sendText(JSON.writeValueAsString(msg), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    JsonNode reply = f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new AssertionError(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  /** Evaluates JavaScript in the page (DevTools evaluation is not subject to the page's CSP). */
  public JsonNode eval(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new AssertionError("script failed: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** Navigates and waits for the load event. */
  public void navigate(String url) throws Exception {
    int before = events.size();
    call("Page.navigate", Map.of("url", url));
    awaitEvent(before, e -> e.path("method").asText().equals("Page.loadEventFired"));
  }

  /** Runs {@code expression} (which starts a navigation) and waits for the next load event. */
  public void evalAndWaitForLoad(String expression) throws Exception {
    int before = events.size();
    eval(expression);
    awaitEvent(before, e -> e.path("method").asText().equals("Page.loadEventFired"));
  }

  /** Waits (bounded) for an event after index {@code from} that matches. */
  public JsonNode awaitEvent(int from, Predicate<JsonNode> match) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = from; i < events.size(); i++) {
        if (match.test(events.get(i))) {
          return events.get(i);
        }
      }
      synchronized (this) {
        wait(50); // woken by the next event; the bound only re-checks the deadline
      }
    }
    throw new AssertionError("no matching DevTools event within " + WAIT + "; saw " + methods());
  }

  /** Waits (bounded) until {@code expression} evaluates to true. */
  public void awaitTrue(String expression) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (eval(expression).asBoolean(false)) {
        return;
      }
      synchronized (this) {
        wait(20);
      }
    }
    throw new AssertionError("never true within " + WAIT + ": " + expression);
  }

  public List<JsonNode> events() {
    return List.copyOf(events);
  }

  public int eventCount() {
    return events.size();
  }

  private List<String> methods() {
    List<String> m = new ArrayList<>();
    for (JsonNode e : events) {
      m.add(e.path("method").asText());
    }
    return m;
  }

  @Override
  public void close() throws Exception {
    try {
      socket.abort();
    } finally {
      destroy(process);
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // a profile left in /tmp is harmless
      }
    }
  }

  private static void destroy(Process p) throws InterruptedException {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    children.forEach(ProcessHandle::destroy);
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
