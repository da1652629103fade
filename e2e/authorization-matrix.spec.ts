import type { APIRequestContext, APIResponse } from '@playwright/test';
import { ACTORS, createAccessWorld, type AccessWorld, type Actor } from './support/access-world';
import { ACTION_CASES, ROUTE_CASES, type ActionArgs, type ActionOutcome, type PageOutcome } from './support/access-matrix';
import { builtServerActions, discoverRoutes, discoverServerActionsInSource, type BuiltServerAction } from './support/app-inventory';
import { postServerAction } from './support/action-post';
import { expect, test } from './support/staff-fixture';

/**
 * Authorization as a matrix (issue 3): anonymous, two clients' private links, the front desk,
 * the clinician, a second clinician and another practice's front desk × every page, API route
 * and server action of the built app. The data layer is the gate; this checks it from outside,
 * over HTTP, exactly as a browser (or an attacker with curl) would ask.
 *
 * Runs in one project: the answers do not depend on the browser's time zone.
 */

test.describe.configure({ mode: 'parallel' });

test('every page, API route and server action has an entry in the matrix', () => {
  const routes = discoverRoutes().map((r) => r.pattern);
  const covered = new Set(ROUTE_CASES.map((c) => c.route));
  expect(routes.filter((r) => !covered.has(r)), 'routes without a matrix entry (e2e/support/access-matrix.ts)').toEqual([]);
  expect([...covered].filter((r) => !routes.includes(r)), 'matrix entries for routes that no longer exist').toEqual([]);

  const inSource = discoverServerActionsInSource().map((a) => a.key);
  const built = builtServerActions().map((a) => a.key);
  const listed = new Set(ACTION_CASES.map((c) => c.action));
  expect(inSource.filter((k) => !listed.has(k)), 'server actions without a matrix entry').toEqual([]);
  expect([...listed].filter((k) => !inSource.includes(k)), 'matrix entries for server actions that no longer exist').toEqual([]);
  // What the browser can call is what the build registered: every one of them is in the matrix.
  expect(built.filter((k) => !listed.has(k)), 'built server actions without a matrix entry').toEqual([]);
});

async function headersFor(world: AccessWorld, actor: Actor, extra?: (world: AccessWorld, actor: Actor) => Promise<string>): Promise<Record<string, string>> {
  const cookies = [await world.cookieFor(actor), await extra?.(world, actor)].filter(Boolean);
  return cookies.length ? { Cookie: cookies.join('; ') } : {};
}

/** GET, following redirects with the same credentials (the API client drops a Cookie header set by hand). */
async function getFollowing(request: APIRequestContext, path: string, headers: Record<string, string>): Promise<{ response: APIResponse; finalPath: string }> {
  let url = path;
  for (let hop = 0; hop < 5; hop++) {
    const response = await request.get(url, { headers, maxRedirects: 0 });
    const location = response.headers()['location'];
    if (response.status() < 300 || response.status() >= 400 || !location) return { response, finalPath: new URL(url, 'http://x').pathname };
    url = new URL(location, new URL(url, 'http://x')).pathname + new URL(location, 'http://x').search;
  }
  throw new Error(`Too many redirects from ${path}`);
}

/** What a page or API response amounts to. */
async function pageOutcome(response: APIResponse, finalPath: string, requestedPath: string): Promise<{ outcome: PageOutcome | `status ${number}`; body: string }> {
  const body = await response.text();
  if (response.status() === 404) return { outcome: 'not_found', body };
  if (response.status() === 401) return { outcome: 'unauthorized', body };
  if (response.status() === 405) return { outcome: 'method_not_allowed', body };
  // A page that streams (it has a loading.tsx) commits a 200 first; notFound() then arrives as
  // the not-found boundary's digest, and the browser shows the not-found page.
  if (body.includes('NEXT_HTTP_ERROR_FALLBACK;404')) return { outcome: 'not_found', body };
  if (finalPath === '/sign-in' && !requestedPath.startsWith('/sign-in')) return { outcome: 'sign_in', body };
  if (response.ok()) return { outcome: 'ok', body };
  return { outcome: `status ${response.status()}`, body };
}

for (const routeCase of ROUTE_CASES) {
  test(`route ${routeCase.route} — ${routeCase.title}`, async ({ request, staffDb }) => {
    const world = await createAccessWorld(staffDb);
    try {
      for (const actor of ACTORS) {
        const path = routeCase.path(world, actor);
        const { response, finalPath } =
          routeCase.method === 'POST'
            ? { response: await request.post(path, { headers: await headersFor(world, actor, routeCase.cookie), maxRedirects: 0 }), finalPath: path }
            : await getFollowing(request, path, await headersFor(world, actor, routeCase.cookie));
        const { outcome, body } = await pageOutcome(response, finalPath, path);
        expect.soft(outcome, `${actor} → GET ${path.replace(/\/m\/[^/]+/, '/m/…')}`).toBe(routeCase.expect[actor]);
        if (outcome === 'ok' && routeCase.shows) {
          const { contains = [], omits = [] } = routeCase.shows(world, actor);
          for (const text of contains) expect.soft(body, `${actor} sees ${text}`).toContain(text);
          for (const text of omits) expect.soft(body, `${actor} never sees ${text}`).not.toContain(text);
        }
      }
    } finally {
      await world.remove();
    }
  });
}

/** The flight rows of an action response (`1:{"ok":false,…}`), decoded where they are JSON. */
function actionResultOf(body: string): { ok?: unknown; code?: unknown } | null {
  for (const line of body.split('\n')) {
    const match = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!match) continue;
    try {
      const value = JSON.parse(match[1]!) as Record<string, unknown>;
      if (typeof value.ok === 'boolean') return value;
    } catch {
      // Not a JSON row (a module reference, a text chunk): keep looking.
    }
  }
  return null;
}

/** Posts a server action the way React's client does (support/action-post.ts), as the given actor. */
function callAction(
  request: APIRequestContext,
  action: BuiltServerAction,
  pagePath: string,
  { args, form }: ActionArgs,
  headers: Record<string, string>,
  origin: string,
): Promise<APIResponse> {
  return postServerAction(request, { actionId: action.id, path: pagePath, args, form, headers: { Origin: origin, ...headers } });
}

async function actionOutcome(response: APIResponse): Promise<{ outcome: ActionOutcome | string; detail: string }> {
  const redirect = response.headers()['x-action-redirect'];
  if (redirect) return { outcome: redirect.startsWith('/sign-in') ? 'denied' : 'ok', detail: `redirect ${redirect.replace(/\/m\/[^/;?]+/, '/m/…')}` };
  const body = await response.text();
  const result = actionResultOf(body);
  if (!result) return { outcome: `status ${response.status()}, no result`, detail: body.slice(0, 200) };
  if (result.ok === true) return { outcome: 'ok', detail: 'ok' };
  const code = String(result.code ?? '');
  return { outcome: code === 'signed_out' || code === 'not_found' ? 'denied' : 'answered', detail: `code ${code}` };
}

for (const actionCase of ACTION_CASES) {
  test(`action ${actionCase.action.split('#')[1]} (${actionCase.action.split('#')[0]})${actionCase.title ? ` — ${actionCase.title}` : ''}`, async ({ request, staffDb, baseURL }) => {
    const action = builtServerActions().find((a) => a.key === actionCase.action);
    expect(action, `${actionCase.action} is in the build`).toBeDefined();
    for (const actor of ACTORS) {
      // A world per actor: an allowed call changes things (cancels, approves, signs out everywhere).
      const world = await createAccessWorld(staffDb);
      try {
        const headers = await headersFor(world, actor, actionCase.cookie);
        const before = await world.snapshot();
        const response = await callAction(request, action!, actionCase.page(world, actor), actionCase.call(world, actor), headers, baseURL!);
        const { outcome, detail } = await actionOutcome(response);
        const label = `${actor} → ${actionCase.action.split('#')[1]} (${detail})`;
        expect.soft(outcome, label).toBe(actionCase.expect[actor]);
        // Refused means nothing happened: no booking, link, note or session changed.
        if (actionCase.expect[actor] !== 'ok') expect.soft(await world.snapshot(), `${label}: nothing changed`).toEqual(before);
      } finally {
        await world.remove();
      }
    }
  });
}

test('a form field posted by the matrix reaches the action (the FormData shape is the browser\'s)', async ({ request, staffDb, baseURL }) => {
  // A 501-character reason is refused by the cancel action's schema: that answer proves the field
  // arrived. Posted in a shape the server ignores, the action would see no reason and cancel.
  const action = builtServerActions().find((a) => a.key === 'app/m/[token]/cancel/actions.ts#cancelBookingAction')!;
  const world = await createAccessWorld(staffDb);
  try {
    const before = await world.snapshot();
    const response = await callAction(request, action, `/m/${world.a.token}/cancel`, { args: [world.a.token, null], form: { reason: 'x'.repeat(501) } }, {}, baseURL!);
    const { outcome, detail } = await actionOutcome(response);
    expect(`${outcome} (${detail})`).toBe('answered (code invalid)');
    expect(await world.snapshot(), 'nothing was cancelled').toEqual(before);
  } finally {
    await world.remove();
  }
});
