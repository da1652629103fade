#!/usr/bin/env node
/**
 * First-load JavaScript of pages, as a browser fetches it (see first-load-js.mjs). Run against a
 * running app:  node bench/page-weight.mjs http://localhost:3000 / /book/individual-video
 * (Next 16's build output no longer prints these figures.) Staff pages: staff-page-weight.mjs.
 */
import { firstLoadJs, formatRow } from './first-load-js.mjs';

const [base = 'http://localhost:3000', ...paths] = process.argv.slice(2);
const pages = paths.length ? paths : ['/'];

for (const path of pages) console.log(formatRow(await firstLoadJs(base, path)));
