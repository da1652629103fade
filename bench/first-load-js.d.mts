/** Types of first-load-js.mjs, for TypeScript callers (e2e/intake-a11y.spec.ts measures the intake form with its device cookie). */
export type FirstLoadJs = {
  path: string;
  status: number;
  location: string | null;
  html: string;
  scripts: number;
  /** Bytes of the page's script files, uncompressed and gzip -9. */
  raw: number;
  gzip: number;
  /** Inline scripts (the RSC payload), gzip. */
  inline: number;
};
export function firstLoadJs(base: string, path: string, options?: { headers?: Record<string, string> }): Promise<FirstLoadJs>;
export function formatRow(r: FirstLoadJs, label?: string): string;
