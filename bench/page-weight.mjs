#!/usr/bin/env node
/**
 * First-load JavaScript of pages, as a browser fetches it: every <script src> in the page's
 * HTML (nomodule polyfills excluded), gzip-compressed at level 9, summed. Run against a
 * running app:  node bench/page-weight.mjs http://localhost:3000 / /book/individual-video
 * (Next 16's build output no longer prints these figures.)
 */
import { gzipSync } from 'node:zlib';

const [base = 'http://localhost:3000', ...paths] = process.argv.slice(2);
const pages = paths.length ? paths : ['/'];
const cache = new Map();

async function scriptBytes(url) {
  if (!cache.has(url)) {
    const res = await fetch(url);
    const body = Buffer.from(await res.arrayBuffer());
    cache.set(url, { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  return cache.get(url);
}

for (const path of pages) {
  const res = await fetch(new URL(path, base));
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
  console.log(
    `${path.padEnd(48)} ${res.status}  ${unique.length} scripts  ${(gzip / 1024).toFixed(1)} kB gzip (${(raw / 1024).toFixed(1)} kB raw)  + ${(inline / 1024).toFixed(1)} kB gzip inline data`,
  );
}
