#!/usr/bin/env node
/**
 * First-load JavaScript of a client's intake pages (gzip), as a browser fetches them: the code gate
 * (no device cookie) and, given a device token, the form itself. Against a running app:
 *   node bench/intake-first-load.mjs http://localhost:3000 <link token> [<device token>]
 * (e2e/intake-a11y.spec.ts measures the form the same way on every run and prints the line.)
 */
import { firstLoadJs, formatRow } from './first-load-js.mjs';

const [base, token, device] = process.argv.slice(2);
if (!base || !token) {
  console.error('usage: node bench/intake-first-load.mjs <base URL> <link token> [<device token>]');
  process.exit(2);
}
const path = `/m/${token}/intake`;
console.log(formatRow(await firstLoadJs(base, path), '/m/<token>/intake (code gate)'));
if (device) console.log(formatRow(await firstLoadJs(base, path, { headers: { Cookie: `haven_intake_device=${device}` } }), '/m/<token>/intake (form)'));
console.log(formatRow(await firstLoadJs(base, `/m/${token}`), '/m/<token> (private link page)'));
