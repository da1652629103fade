import { createAccessWorld } from './support/access-world';
import { builtServerActions, discoverRoutes } from './support/app-inventory';
import { expect, test } from './support/staff-fixture';

/**
 * Nothing a client can send to a server action gets a 5xx: bodies that are too large, not what
 * React's client sends, or posted from another site are refused with a 4xx and a plain sentence
 * before any action runs (lib/http/action-request-guard.ts, from proxy.ts). Before that guard,
 * Next.js answered most of these with HTTP 500.
 */
test.describe.configure({ mode: 'parallel' });

const TEXT = 'text/plain;charset=UTF-8';
const big = 'a'.repeat(260 * 1024);

type Probe = { name: string; contentType?: string; body: string; origin?: string; expect: number };

const PROBES: Probe[] = [
  { name: 'not JSON', contentType: TEXT, body: 'not json', expect: 400 },
  { name: 'truncated JSON', contentType: TEXT, body: '[{"name":"Ana', expect: 400 },
  { name: 'JSON object, not an argument list', contentType: TEXT, body: '{"a":1}', expect: 400 },
  { name: 'a Map reference', contentType: TEXT, body: '["$Q1"]', expect: 400 },
  { name: 'a server-reference tag', contentType: TEXT, body: '[{"a":"$h9"}]', expect: 400 },
  { name: 'a malformed bigint', contentType: TEXT, body: '["$n-x"]', expect: 400 },
  { name: 'a promise reference', contentType: TEXT, body: '["$@1"]', expect: 400 },
  { name: 'a stream reference', contentType: TEXT, body: '["$R1"]', expect: 400 },
  { name: 'a FormData reference outside multipart', contentType: TEXT, body: '["$K1"]', expect: 400 },
  { name: 'nested 5,000 deep', contentType: TEXT, body: '['.repeat(5000) + ']'.repeat(5000), expect: 400 },
  { name: 'an unknown content type', contentType: 'application/octet-stream', body: '\u0000\u0001', expect: 400 },
  { name: 'broken multipart', contentType: 'multipart/form-data; boundary=XX', body: '--XX\r\ngarbage', expect: 400 },
  { name: 'multipart without a root', contentType: 'multipart/form-data; boundary=XX', body: '--XX\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--XX--\r\n', expect: 400 },
  { name: 'multipart with a root that is not JSON', contentType: 'multipart/form-data; boundary=XX', body: '--XX\r\nContent-Disposition: form-data; name="0"\r\n\r\nnope\r\n--XX--\r\n', expect: 400 },
  { name: 'over 256 kB', contentType: TEXT, body: JSON.stringify([big]), expect: 413 },
  { name: 'from another site', contentType: TEXT, body: '[]', origin: 'https://elsewhere.example', expect: 403 },
];

test('every server action answers malformed, oversized and cross-site posts with a 4xx', async ({ request, baseURL }) => {
  const actions = builtServerActions();
  expect(actions.length).toBeGreaterThan(10);
  const fives: string[] = [];
  let asked = 0;
  for (const action of actions) {
    for (const probe of PROBES) {
      const headers: Record<string, string> = { 'Next-Action': action.id, Accept: 'text/x-component', Origin: probe.origin ?? baseURL! };
      if (probe.contentType) headers['Content-Type'] = probe.contentType;
      const response = await request.post('/', { headers, data: probe.body, maxRedirects: 0 });
      asked += 1;
      if (response.status() >= 500) fives.push(`${action.name} · ${probe.name} → ${response.status()}`);
      else expect.soft(response.status(), `${action.name} · ${probe.name}`).toBe(probe.expect);
    }
  }
  expect(fives, `${asked} requests`).toEqual([]);
});

test('the refusal is one plain sentence, and an oversized no-JavaScript form post is refused too', async ({ request, baseURL }) => {
  const [action] = builtServerActions();
  const garbage = await request.post('/', { headers: { 'Next-Action': action!.id, 'Content-Type': TEXT, Origin: baseURL! }, data: 'not json' });
  expect(garbage.status()).toBe(400);
  expect(await garbage.text()).toBe('This request could not be read. Please reload the page and try again.');
  const oversized = await request.post('/book/free-phone-call/details', { multipart: { note: big }, maxRedirects: 0 });
  expect(oversized.status()).toBe(413);
  expect(await oversized.text()).toContain('too large');
});

const GARBAGE_SEGMENTS = ['x', 'a'.repeat(600), '%00', '%E2%80%AE%F0%9F%98%80', '..%2F..%2Fetc', '%25', '0', '-1', '00000000-0000-0000-0000-000000000000'];
const GARBAGE_QUERY = `?${['q', 'date', 'week', 'cursor', 'before', 'after', 'kind', 'from', 'to', 'callbackUrl', 'reason', 'startsAt', 'clinician', 'moved', 'cancelled', 'day', 'page']
  .map((name, i) => `${name}=${['%00', 'a'.repeat(3000), '9999-99-99', '-1', '%E2%80%AE', '[object]', '../x', '%FF'][i % 8]}`)
  .join('&')}&date=1&date=2`;

/** Every page and API route, with each dynamic segment replaced by garbage. */
function garbagePaths(): string[] {
  return discoverRoutes().flatMap((route) =>
    GARBAGE_SEGMENTS.map((value) => route.pattern.replace(/\[(?:\.\.\.)?\w+\]/g, value)).filter((path, i, all) => all.indexOf(path) === i),
  );
}

/** A streamed page that failed renders its error boundary under a 200: Next marks it with an error digest. */
function failedWhileStreaming(body: string): boolean {
  return [...body.matchAll(/data-dgst="([^"]*)"/g)].some(([, digest]) => !/^NEXT_(HTTP_ERROR_FALLBACK|REDIRECT)/.test(digest!));
}

for (const actor of ['anonymous', 'clinician', 'frontDesk'] as const) {
  test(`garbage in every path segment and query parameter gets no 5xx (${actor})`, async ({ request, staffDb }) => {
    test.setTimeout(180_000);
    const world = await createAccessWorld(staffDb);
    try {
      const cookie = await world.cookieFor(actor);
      const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
      const failures: string[] = [];
      const paths = garbagePaths();
      for (const path of paths) {
        for (const url of [path, `${path}${GARBAGE_QUERY}`]) {
          const response = await request.get(url, { headers, maxRedirects: 0 });
          const body = await response.text();
          if (response.status() >= 500 || failedWhileStreaming(body)) failures.push(`${response.status()} GET ${url.slice(0, 120)}`);
        }
      }
      expect(failures, `${paths.length * 2} requests`).toEqual([]);
    } finally {
      await world.remove();
    }
  });
}

test('the cron route answers a missing, wrong or malformed secret with a bare 401, then 429, never a 5xx', async ({ request }) => {
  // An address of this test's own (the e2e servers trust one proxy hop): the route counts refusals per address.
  const headers = { 'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 250) + 1}` };
  const probes: Array<{ authorization?: string; data?: string }> = [
    {},
    { authorization: 'Bearer' },
    { authorization: 'Bearer wrong' },
    { authorization: `Bearer ${'x'.repeat(6000)}` },
    { authorization: 'Basic Y3Jvbjpjcm9u' },
    { authorization: 'Bearer a b c' },
    { authorization: 'Bearer wrong', data: '{"jobs": 100000}' },
    { authorization: 'Bearer wrong', data: 'a'.repeat(200 * 1024) },
    { authorization: 'bearer WRONG' },
    { authorization: 'Bearer\twrong' },
  ];
  for (const probe of probes) {
    const response = await request.post('/api/cron', {
      headers: { ...headers, ...(probe.authorization !== undefined ? { Authorization: probe.authorization } : {}) },
      data: probe.data,
      maxRedirects: 0,
    });
    expect.soft(response.status(), JSON.stringify(probe).slice(0, 80)).toBe(401);
    expect.soft(await response.text()).toBe('');
  }
  const limited = await request.post('/api/cron', { headers: { ...headers, Authorization: 'Bearer wrong' }, maxRedirects: 0 });
  expect(limited.status()).toBe(429);
  expect(await limited.text()).toBe('');
  for (const method of ['PUT', 'DELETE', 'PATCH'] as const) {
    const response = await request.fetch('/api/cron', { method, headers, maxRedirects: 0 });
    expect.soft(response.status(), method).toBe(405);
  }
});
