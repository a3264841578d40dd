package dev.hostpolicy.http;

import java.io.IOException;

/**
 * The rest of the guard chain, as one guard sees it. {@link #proceed} runs the next guard (or, after
 * the last one, forwards to the application) and may be called at most once per guard and request;
 * a second call throws {@link IllegalStateException}, which fails the request closed.
 *
 * <pre>{@code
 * HttpGuard tagged = (request, chain) -> chain.proceed(request).withHeader("X-Served-By", "acme");
 * }</pre>
 */
public interface GuardChain {

  /**
   * Lets the rest of the chain decide {@code request}.
   *
   * @throws IllegalStateException if this guard already proceeded
   * @throws IOException if a later guard fails reading the body
   */
  Outcome proceed(GuardRequest request) throws IOException;
}
