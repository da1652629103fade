/**
 * Requests to server actions that Next.js itself would answer with HTTP 500 are refused here
 * first, with a 4xx and one plain sentence: a body over the size limit, a cross-origin post, and a
 * body that is not what React's client sends for Haven's forms. Runs in proxy.ts before any action
 * code, on a clone of the body (the action still reads the original).
 *
 * Haven's actions take plain values (strings, numbers, booleans, null, arrays, objects) and, for a
 * few forms, FormData. React encodes those as JSON in which a string starting with "$" is a tag;
 * the tags such arguments produce are allowed and every other tag (Map, Set, promise, stream,
 * server reference, blob, bigint…) is refused: React's decoder throws on malformed ones (a 500).
 */
export const ACTION_BODY_LIMIT_BYTES = 256 * 1024; // keep equal to serverActions.bodySizeLimit in next.config.js

export const ACTION_REFUSALS = {
  tooLarge: { status: 413, text: 'This form is too large to send. Please shorten what you typed and try again.' },
  crossOrigin: { status: 403, text: 'This form was sent from another site, so it was not accepted.' },
  unreadable: { status: 400, text: 'This request could not be read. Please reload the page and try again.' },
} as const;

type Refusal = keyof typeof ACTION_REFUSALS;

const refuse = (kind: Refusal) =>
  new Response(ACTION_REFUSALS[kind].text, {
    status: ACTION_REFUSALS[kind].status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });

export async function refuseUnreadableAction(request: Request): Promise<Response | null> {
  if (request.method !== 'POST') return null;
  const length = Number(request.headers.get('content-length') ?? NaN);
  if (length > ACTION_BODY_LIMIT_BYTES) return refuse('tooLarge');
  if (!request.headers.has('next-action')) return null; // a no-JavaScript form post: Next answers those with 4xx itself

  if (!sameOrigin(request)) return refuse('crossOrigin');
  const kind = await bodyProblem(request);
  return kind ? refuse(kind) : null;
}

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true; // Next.js itself allows a missing Origin (same-origin fetches may omit it)
  const host = (request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? '').split(',')[0]!.trim();
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

async function bodyProblem(request: Request): Promise<Refusal | null> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  try {
    if (type.startsWith('multipart/form-data')) {
      const form = await request.clone().formData();
      const root = form.get('0');
      if (typeof root !== 'string') return 'unreadable';
      for (const value of form.values()) if (typeof value !== 'string') return 'unreadable'; // no uploads in Haven
      return isPlainReply(JSON.parse(root), new Set(form.keys())) ? null : 'unreadable';
    }
    if (type.startsWith('text/plain') || type === '') {
      const body = await request.clone().text();
      if (body.length > ACTION_BODY_LIMIT_BYTES) return 'tooLarge';
      return isPlainReply(JSON.parse(body), null) ? null : 'unreadable';
    }
    return 'unreadable';
  } catch {
    return 'unreadable';
  }
}

const MAX_DEPTH = 32;
const PLAIN_TAGS = new Set(['$undefined', '$NaN', '$Infinity', '$-Infinity', '$-0']);

/** The root is the argument list; every value in it must be one that plain arguments encode to. */
export function isPlainReply(root: unknown, formKeys: Set<string> | null): boolean {
  return Array.isArray(root) && isPlainValue(root, formKeys, 0);
}

function isPlainValue(value: unknown, formKeys: Set<string> | null, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return true;
  if (typeof value === 'string') return isPlainString(value, formKeys);
  if (Array.isArray(value)) return value.every((item) => isPlainValue(item, formKeys, depth + 1));
  if (typeof value === 'object') return Object.values(value).every((item) => isPlainValue(item, formKeys, depth + 1));
  return false;
}

function isPlainString(value: string, formKeys: Set<string> | null): boolean {
  if (!value.startsWith('$')) return true;
  if (value.startsWith('$$') || PLAIN_TAGS.has(value)) return true; // "$$…" is an escaped string that began with "$"
  if (value.startsWith('$D')) return !Number.isNaN(Date.parse(value.slice(2)));
  // FormData: "$K<id>", its entries posted as "<id>_<name>" parts of the same multipart body.
  return formKeys !== null && /^\$K[0-9a-f]{1,8}$/.test(value);
}
