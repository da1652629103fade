#!/usr/bin/env node
/**
 * First-load JavaScript of the staff pages, signed in. Run against a running app (demo database):
 *   node bench/staff-page-weight.mjs http://127.0.0.1:3231
 * Signs in through next-auth's credentials endpoint like the sign-in form does: the demo clinician
 * (password + a TOTP code computed from the README's secret) and the demo front desk. Override with
 * BENCH_CLINICIAN_EMAIL / _PASSWORD / _TOTP_SECRET and BENCH_DESK_EMAIL / _PASSWORD.
 * A code is accepted once per 30-second step: run it at most once per half-minute.
 */
import crypto from 'node:crypto';
import { firstLoadJs, formatRow } from './first-load-js.mjs';

const base = process.argv[2] ?? 'http://localhost:3000';
const clinician = {
  email: process.env.BENCH_CLINICIAN_EMAIL ?? 'clinician@demo.haven',
  password: process.env.BENCH_CLINICIAN_PASSWORD ?? 'demo-clinician-pass',
  totpSecret: process.env.BENCH_CLINICIAN_TOTP_SECRET ?? 'JBSWY3DPEHPK3PXP',
};
const desk = {
  email: process.env.BENCH_DESK_EMAIL ?? 'frontdesk@demo.haven',
  password: process.env.BENCH_DESK_PASSWORD ?? 'demo-frontdesk-pass',
  totpSecret: null,
};

/** RFC 6238 (SHA-1, 6 digits, 30 s), as lib/auth/totp.ts computes it. */
function totpCode(secretBase32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = crypto.createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

function cookiesOf(res) {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]);
}

/** next-auth v4 credentials sign-in: csrf token, then the callback; returns the Cookie header. */
async function signIn(account) {
  const csrfRes = await fetch(new URL('/api/auth/csrf', base));
  const { csrfToken } = await csrfRes.json();
  const jar = cookiesOf(csrfRes);
  const body = new URLSearchParams({ csrfToken, email: account.email, password: account.password, json: 'true', callbackUrl: base });
  if (account.totpSecret) body.set('code', totpCode(account.totpSecret));
  const res = await fetch(new URL('/api/auth/callback/credentials', base), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body,
    redirect: 'manual',
  });
  const cookies = [...jar, ...cookiesOf(res)];
  if (!cookies.some((c) => /session-token=/.test(c))) {
    throw new Error(`Sign-in as ${account.email} failed (${res.status} ${res.headers.get('location') ?? ''}). Is this the demo database?`);
  }
  return cookies.join('; ');
}

async function report(cookie, paths) {
  const rows = [];
  for (const path of paths) {
    const r = await firstLoadJs(base, path, { headers: { cookie } });
    if (r.status !== 200) console.warn(`  ${path}: HTTP ${r.status}${r.location ? ` → ${r.location}` : ''}`);
    console.log(formatRow(r, path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, ':id')));
    rows.push(r);
  }
  return rows;
}

const bookingIn = (html, prefix) => new RegExp(`href="${prefix}/([0-9a-f-]{36})"`).exec(html)?.[1];

console.log(`First-load JS of staff pages at ${base} (gzip -9, scripts fetched once per page)\n`);
console.log('Clinician:');
const clinicianCookie = await signIn(clinician);
const [home] = await report(clinicianCookie, ['/clinician']);
const clinicianBooking = bookingIn(home.html, '/clinician/bookings');
await report(clinicianCookie, ['/clinician/requests', '/clinician/audit', ...(clinicianBooking ? [`/clinician/bookings/${clinicianBooking}`] : [])]);

console.log('\nFront desk:');
const deskCookie = await signIn(desk);
const [schedule] = await report(deskCookie, ['/desk']);
const deskBooking = bookingIn(schedule.html, '/desk/bookings');
if (deskBooking) await report(deskCookie, [`/desk/bookings/${deskBooking}`]);
else console.log('  (no booking on this week\'s schedule to open)');
