/**
 * What the app exposes, read from its source and its build — so the authorization matrix can
 * fail when something new appears without an entry:
 * - every page (`app/**\/page.tsx`) and route handler (`app/**\/route.ts`), as a URL pattern;
 * - every exported server action, from the build's server-reference manifest (its id, which
 *   `next build` assigns, is what a browser posts in the `Next-Action` header), cross-checked
 *   against the `'use server'` files in the source.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const APP = path.join(ROOT, 'app');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    // `_folders` are private (not routed) in the App Router.
    if (entry.isDirectory()) return entry.name.startsWith('_') ? [] : walk(full);
    return [full];
  });
}

/** `app/(staff)/desk/bookings/[id]/page.tsx` → `/desk/bookings/[id]`; route groups vanish. */
function urlPatternOf(file: string): string {
  const segments = path
    .relative(APP, path.dirname(file))
    .split(path.sep)
    .filter((s) => s !== '' && !(s.startsWith('(') && s.endsWith(')')));
  return `/${segments.join('/')}`;
}

export type AppRoute = { pattern: string; kind: 'page' | 'api'; file: string };

export function discoverRoutes(): AppRoute[] {
  return walk(APP)
    .filter((f) => /\/(page|route)\.tsx?$/.test(f))
    .map((file) => ({ pattern: urlPatternOf(file), kind: /\/page\.tsx?$/.test(file) ? ('page' as const) : ('api' as const), file: path.relative(ROOT, file) }))
    .sort((x, y) => x.pattern.localeCompare(y.pattern));
}

export type ServerActionRef = { key: string; file: string; name: string };

/** `app/x/actions.ts#fooAction`: how the matrix names an action. */
export function actionKey(file: string, name: string): string {
  return `${file}#${name}`;
}

/** Exported functions of every `'use server'` module in app/ and lib/, from the source. */
export function discoverServerActionsInSource(): ServerActionRef[] {
  const files = [...walkAll(APP), ...walkAll(path.join(ROOT, 'lib'))].filter((f) => /\.tsx?$/.test(f));
  const refs: ServerActionRef[] = [];
  for (const full of files) {
    const source = fs.readFileSync(full, 'utf8');
    if (!/^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*['"]use server['"]/.test(source)) continue;
    const file = path.relative(ROOT, full);
    for (const match of source.matchAll(/^export\s+(?:async\s+)?(?:function\s+(\w+)|const\s+(\w+))/gm)) {
      const name = match[1] ?? match[2]!;
      refs.push({ key: actionKey(file, name), file, name });
    }
  }
  return refs.sort((x, y) => x.key.localeCompare(y.key));
}

function walkAll(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walkAll(full);
    return [full];
  });
}

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };

export type BuiltServerAction = ServerActionRef & {
  id: string;
  /** The app paths (`app/(staff)/desk/page`) whose pages load the action. */
  workers: string[];
};

/** Every server action of the build the e2e servers run (`.next`). */
export function builtServerActions(): BuiltServerAction[] {
  const file = path.join(ROOT, '.next/server/server-reference-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node).map(([id, entry]) => {
    if (!entry.filename || !entry.exportedName) throw new Error(`Server action ${id} has no filename/exportedName in the manifest`);
    return {
      id,
      key: actionKey(entry.filename, entry.exportedName),
      file: entry.filename,
      name: entry.exportedName,
      workers: Object.keys(entry.workers),
    };
  });
}
