/**
 * First-load JavaScript of one page, as a browser fetches it: every <script src> in the page's
 * HTML (nomodule polyfills excluded), gzip-compressed at level 9, summed; plus the inline
 * scripts (RSC payload). Shared by page-weight.mjs (public pages) and staff-page-weight.mjs.
 */
import { gzipSync } from 'node:zlib';

const cache = new Map();

async function scriptBytes(url) {
  if (!cache.has(url)) {
    const res = await fetch(url);
    const body = Buffer.from(await res.arrayBuffer());
    cache.set(url, { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  return cache.get(url);
}

/** `headers` (e.g. a session cookie) go with the page request only; redirects are not followed. */
export async function firstLoadJs(base, path, { headers = {} } = {}) {
  const res = await fetch(new URL(path, base), { headers, redirect: 'manual' });
  const html = await res.text();
  const srcs = [...html.matchAll(/<script\b([^>]*)>/g)]
    .map((m) => m[1])
    .filter((attrs) => !/\bnomodule\b/i.test(attrs))
    .map((attrs) => /\bsrc="([^"]+)"/.exec(attrs)?.[1])
    .filter(Boolean);
  const unique = [...new Set(srcs)];
  let raw = 0;
  let gzip = 0;
  for (const src of unique) {
    const size = await scriptBytes(new URL(src, base).toString());
    raw += size.raw;
    gzip += size.gzip;
  }
  const inline = gzipSync(Buffer.from([...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join(''))).length;
  return { path, status: res.status, location: res.headers.get('location'), html, scripts: unique.length, raw, gzip, inline };
}

export function formatRow(r, label = r.path) {
  return (
    `${label.padEnd(48)} ${r.status}  ${r.scripts} scripts  ${(r.gzip / 1024).toFixed(1)} kB gzip (${(r.raw / 1024).toFixed(1)} kB raw)  ` +
    `+ ${(r.inline / 1024).toFixed(1)} kB gzip inline data`
  );
}
