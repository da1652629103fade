/**
 * What may never appear in a server's log (e2e/log-privacy.spec.ts), as a pure scan of a log's
 * text: each rule is a pattern; a finding names the file, the line number and the line with what
 * matched masked, so a failure can be quoted without repeating the secret.
 */

export type LogRule = { kind: string; pattern: RegExp };
export type LogFinding = { file: string; line: number; kind: string; masked: string };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The client addresses the suite seeds: e2e/fixtures.ts newPerson (robin.<hex>, sasha.<hex>),
 * booking-seed.ts (avery<n>.<tag>), intake-seed.ts (jordan.<tag>, casey.<tag>), private-pages.spec.ts
 * (riley.<tag>), access-world.ts (matrix<n>.<tag>, matrix.<tag>, matrix@), and the demo practice's
 * clients that serve.mts seeds (db/seed-demo.ts: jordan@, sam@, alex@, riley@, casey@, dana@, kai@).
 * Not the practice's own addresses (hello@, practice.<tag>@, no-reply@) nor the staff's.
 */
export const SEEDED_CLIENT_EMAIL =
  /\b(?:(?:robin|sasha|riley|jordan|casey|avery\d+|matrix\d*)\.[0-9a-f]{4,}|matrix\d*|jordan|sam|alex|riley|casey|dana|kai)@example\.com\b/gi;

/** Every rule: the suite's secrets (any case) and the shapes of private things. */
export function logRules(secrets: readonly string[]): LogRule[] {
  return [
    ...secrets.map((s) => ({ kind: 'a text the suite typed', pattern: new RegExp(escapeRegExp(s), 'gi') })),
    // A private link's path: /m/ and a token (43 base64url characters; anything 20+ looks like one).
    { kind: 'a private link path', pattern: /\/m\/[A-Za-z0-9_-]{20,}/g },
    // A one-time code beside the word "code", either way round ("code: 123456", "123456 is your code").
    { kind: 'a 6-digit code', pattern: /\bcodes?\b[^\d\n]{0,24}(?<![\d.])\d{6}(?![\d.])|(?<![\d.])\d{6}(?![\d.])[^\d\n]{0,24}\bcodes?\b/gi },
    { kind: "a seeded client's email address", pattern: SEEDED_CLIENT_EMAIL },
    // A failed query's parameter list (drizzle: "params: a,b,…"; lib/observability/scrub-logs.ts redacts
    // it) and the driver's detail that echoes a row's values ('Key (email)=(…) already exists').
    { kind: 'a SQL parameter list', pattern: /\bparams: (?!\[redacted\])\S.*/g },
    { kind: 'SQL values in an error detail', pattern: /\bKey \([^)\n]*\)=\([^)\n]*\)/g },
  ];
}

/** Terminal colours (`next start` prints some): a secret split by one is still found. */
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** A fresh global copy of a rule's pattern (no `lastIndex` shared between calls). */
function globalOf(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
}

/** The findings in one log's text; none for a clean log. Lines are numbered from 1. */
export function scanLog(file: string, text: string, rules: readonly LogRule[]): LogFinding[] {
  const findings: LogFinding[] = [];
  const lines = text.replace(ANSI, '').split('\n');
  lines.forEach((line, i) => {
    for (const { kind, pattern } of rules) {
      if (!globalOf(pattern).test(line)) continue;
      // Every rule's matches masked in the quoted line, not just this one's.
      const masked = rules.reduce((l, r) => l.replace(globalOf(r.pattern), `[${r.kind}]`), line);
      findings.push({ file, line: i + 1, kind, masked: masked.length > 300 ? `${masked.slice(0, 300)}…` : masked });
    }
  });
  return findings;
}

/** One line per finding, for a failure message. */
export function describeFindings(findings: readonly LogFinding[]): string {
  return findings.map((f) => `${f.file}:${f.line}: ${f.kind}: ${f.masked}`).join('\n');
}
