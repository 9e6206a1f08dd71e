/**
 * The page's Content-Security-Policy in every host: only its own origin, no inline scripts, no eval. Inline style
 * attributes are allowed because Notify's email HTML (shown in the sandboxed preview frame) is styled with them.
 */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self' about:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";
