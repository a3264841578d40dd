/**
 * Tokens and the checks around them: minting ({@link dev.hostpolicy.core.token.TokenMint}), token
 * grammars with a scanner-friendly checksum ({@link dev.hostpolicy.core.token.TokenFormat}), bearer
 * credentials ({@link dev.hostpolicy.core.token.BearerAuthenticator}), tokens in URLs
 * ({@link dev.hostpolicy.core.token.UrlTokenGuard}), the login cookie
 * ({@link dev.hostpolicy.core.token.SessionCookie}), identifiers
 * ({@link dev.hostpolicy.core.token.TriggerId}, {@link dev.hostpolicy.core.token.CorrelationId},
 * {@link dev.hostpolicy.core.token.RunId}) and JSON redaction of secrets
 * ({@link dev.hostpolicy.core.token.SecretRedactionModule}). Comparisons use
 * {@link dev.hostpolicy.api.ConstantTime}.
 *
 * <table>
 *   <caption>Reason codes</caption>
 *   <tr><th>code</th><th>meaning</th></tr>
 *   <tr><td>{@code token.malformed}</td><td>the token does not match its format</td></tr>
 *   <tr><td>{@code token.checksum-mismatch}</td><td>a prefixed token's checksum is wrong</td></tr>
 *   <tr><td>{@code token.in-url}</td><td>a token parameter or the token itself in a URL</td></tr>
 *   <tr><td>{@code auth.missing}</td><td>no Authorization header / no session cookie</td></tr>
 *   <tr><td>{@code auth.multiple-headers}</td><td>several Authorization headers</td></tr>
 *   <tr><td>{@code auth.unsupported-scheme}</td><td>a scheme other than Bearer</td></tr>
 *   <tr><td>{@code auth.malformed}</td><td>not exactly {@code Bearer SP b64token}</td></tr>
 *   <tr><td>{@code auth.invalid-token}</td><td>a well-formed token that is not the host's</td></tr>
 *   <tr><td>{@code auth.invalid-cookie}</td><td>a session cookie that is not the current token's</td></tr>
 * </table>
 *
 * <pre>{@code
 * Secret token = TokenMint.mintPrefixed("hp");
 * BearerAuthenticator auth = BearerAuthenticator.of(token, TokenFormat.prefixed("hp"));
 * Decision d = auth.check(List.of("Bearer " + token.revealUtf8()), "/api/runs");
 * }</pre>
 */
package dev.hostpolicy.core.token;
