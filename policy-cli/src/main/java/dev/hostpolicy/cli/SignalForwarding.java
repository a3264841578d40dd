package dev.hostpolicy.cli;

import java.lang.reflect.Proxy;

/**
 * Installs a handler for a named POSIX signal ({@code INT}, {@code TERM}) through the JDK's
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}), reached reflectively so the CLI compiles
 * without internal-API warnings and falls back cleanly where it is missing. The handler replaces the
 * JVM's default (which would start shutdown), so {@code hostpolicy run} keeps running, forwards the
 * signal to its child's process group and exits with the child's status.
 *
 * <pre>{@code
 * boolean installed = SignalForwarding.install("TERM", () -> child.signal(ChildSignal.TERM));
 * }</pre>
 */
final class SignalForwarding {
  private SignalForwarding() {}

  /** Runs {@code action} (on a JVM signal thread) whenever {@code name} arrives; false if it cannot be installed. */
  static boolean install(String name, Runnable action) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object signal = signalClass.getConstructor(String.class).newInstance(name);
      Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, args) -> {
        switch (method.getName()) {
          case "handle":
            action.run();
            return null;
          case "hashCode":
            return System.identityHashCode(proxy);
          case "equals":
            return proxy == args[0];
          default:
            return "hostpolicy-signal-forwarder[" + name + "]";
        }
      });
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }
}
