/**
 * Privacy at the log sink. A failed database query error carries its parameters in its message
 * ("Failed query: … params: <name>,<email>,…"), and Next.js logs errors thrown while rendering
 * with console.error. Every console.error/warn argument passes through `scrubLogArgument`, which
 * drops the parameters (and the driver's `detail`, which can echo values) and keeps the rest.
 */
const PARAMS_LINE = /\nparams: [\s\S]*$/;

export function scrubText(text: string): string {
  return text.replace(PARAMS_LINE, '\nparams: [redacted]');
}

export function scrubLogArgument(arg: unknown): unknown {
  if (typeof arg === 'string') return scrubText(arg);
  if (!(arg instanceof Error)) return arg;
  if (!PARAMS_LINE.test(arg.message) && !(arg.cause instanceof Error)) return arg;
  const safe = new Error(scrubText(arg.message));
  safe.name = arg.name;
  safe.stack = `${safe.name}: ${safe.message}\n${(arg.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).join('\n')}`;
  if (arg.cause instanceof Error) {
    // Keep the Postgres code and constraint name; drop `detail`, which can contain the values.
    const cause = arg.cause as Error & { code?: string; constraint?: string };
    safe.cause = Object.assign(new Error(scrubText(cause.message)), { name: cause.name, code: cause.code, constraint: cause.constraint });
  }
  const digest = (arg as { digest?: unknown }).digest;
  if (digest !== undefined) Object.assign(safe, { digest });
  return safe;
}

let installed = false;

export function installLogScrubber(target: Pick<Console, 'error' | 'warn'> = console): void {
  if (installed) return;
  installed = true;
  for (const method of ['error', 'warn'] as const) {
    const original = target[method].bind(target);
    target[method] = (...args: unknown[]) => original(...args.map(scrubLogArgument));
  }
}
