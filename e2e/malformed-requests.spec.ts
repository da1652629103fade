import { builtServerActions } from './support/app-inventory';
import { expect, test } from './support/staff-fixture';

/**
 * Nothing a client can send to a server action gets a 5xx: bodies that are too large, not what
 * React's client sends, or posted from another site are refused with a 4xx and a plain sentence
 * before any action runs (lib/http/action-request-guard.ts, from proxy.ts). Before that guard,
 * Next.js answered most of these with HTTP 500.
 */
test.describe.configure({ mode: 'parallel' });

const TEXT = 'text/plain;charset=UTF-8';
const big = 'a'.repeat(70 * 1024);

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
  { name: 'over 64 kB', contentType: TEXT, body: JSON.stringify([big]), expect: 413 },
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
