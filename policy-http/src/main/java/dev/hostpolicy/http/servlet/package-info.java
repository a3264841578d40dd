/**
 * The guard chain as a Jakarta Servlet 6 filter ({@link dev.hostpolicy.http.servlet.ServletGuardFilter})
 * for hosts that run an embedded servlet container (Jetty, Tomcat, Undertow). The servlet API is a
 * {@code provided} dependency: the container brings it.
 *
 * <pre>{@code
 * context.addFilter(new FilterHolder(ServletGuardFilter.of(guards)), "/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 */
package dev.hostpolicy.http.servlet;
