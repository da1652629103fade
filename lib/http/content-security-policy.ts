/**
 * The Content-Security-Policy of every page, in one place (proxy.ts sends it; Next.js reads the
 * nonce from the request's copy and puts it on its own inline and bootstrap scripts).
 *
 * Scripts: only those carrying this response's nonce, and what they load ('strict-dynamic'):
 * no inline script without the nonce, no other origin, no eval outside development (React's dev
 * build needs it). Styles allow inline attributes ('unsafe-inline'): React `style={…}` and the
 * global-error page use them, and a style can't run code. Everything else comes from this origin
 * only; nothing may frame the app, plugins are off, forms post only here, and `<base>` can't move
 * relative URLs elsewhere.
 */
export function contentSecurityPolicy(options: { nonce: string; development: boolean; https: boolean }): string {
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** 128 random bits, base64: a fresh one for every page response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
