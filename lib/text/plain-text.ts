/**
 * Free text that people type as a name (a client's, a partner's, a staff member's): what is
 * stored is what a reader sees. Invisible format controls are removed before validation, so no
 * name can reorder the text around it on a screen (bidi overrides and isolates, the "Trojan
 * Source" characters) or hide characters in it. Pure and client-safe: the same function runs in
 * the browser's zodResolver and the server action's safeParse.
 *
 * Kept: zero-width joiner / non-joiner between two letters or marks (Persian, Indic and other
 * scripts spell names with them) and ZWJ inside emoji sequences. Everything else in Unicode's
 * "format" category (Cf: LRM/RLM/ALM, U+202A–U+202E, U+2066–U+2069, zero-width space, word
 * joiner, BOM, soft hyphen, tag characters…) and control characters (Cc) are removed; line
 * breaks and tabs become one space.
 */

const JOINERS = /[\u200c\u200d]/;
const JOINABLE = /[\p{L}\p{M}\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F]/u;

/** True for a character that is never kept in a name (besides joiners in context, see above). */
function isInvisibleControl(char: string): boolean {
  return /[\p{Cf}\p{Cc}]/u.test(char);
}

export function stripInvisibleControls(text: string): string {
  const chars = Array.from(text.normalize('NFC').replace(/[\t\n\v\f\r\u0085\u2028\u2029]+/g, ' '));
  // First drop every control except the joiners, so a joiner's neighbours are the visible ones.
  const visible = chars.filter((c) => JOINERS.test(c) || !isInvisibleControl(c));
  let out = '';
  let last: string | undefined;
  for (let i = 0; i < visible.length; i++) {
    const c = visible[i]!;
    if (JOINERS.test(c)) {
      // A run of joiners counts as its first one; it stays only between two joinable characters.
      let next = i + 1;
      while (next < visible.length && JOINERS.test(visible[next]!)) next++;
      const after = visible[next];
      if (last !== undefined && after !== undefined && JOINABLE.test(last) && JOINABLE.test(after)) out += c;
      i = next - 1;
      continue;
    }
    out += c;
    last = c;
  }
  return out;
}

/** A name as stored: invisible controls removed, runs of spaces collapsed, trimmed. */
export function cleanName(text: string): string {
  return stripInvisibleControls(text).replace(/\s+/g, ' ').trim();
}
