import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { forContext } from '@/lib/intake/engine';
import { baseQuestionnaire } from '@/lib/intake/questionnaires';
import { HAVEN_EXTENSIONS, type Answers, type Questionnaire } from '@/lib/intake/types';
import { AnswersBySection } from './answers-by-section';

/** Rendered on the server as the clinician's view and the client's "what you sent" page render it. */
function render(questionnaire: Questionnaire, answers: Answers, signatures = {}) {
  return renderToStaticMarkup(
    createElement(AnswersBySection, { questionnaire, answers, signatures, timeZone: 'America/New_York', locale: 'en-US', idPrefix: 'p' }),
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('AnswersBySection', () => {
  const q = forContext(baseQuestionnaire('individual'), { modality: 'video' });

  it('shows each section with its questions, answers in words, and "Not answered" where none was given', () => {
    const html = render(q, { 'reasons-now': 'Things feel stuck', 'phq9-1': 'LA6569-3', 'prior-therapy': false });
    const words = text(html);
    expect(words).toContain('What brings you here');
    expect(words).toContain('What brings you here now? Things feel stuck');
    expect(words).toContain('Little interest or pleasure in doing things Several days');
    expect(words).toContain('Have you seen a therapist or counsellor before? No');
    expect(words).toContain('Not answered');
    // A hidden question (its condition not met) is not listed at all.
    expect(html).not.toContain('data-link-id="prior-therapy-details"');
    expect(render(q, { 'prior-therapy': true })).toContain('data-link-id="prior-therapy-details"');
  });

  it('shows a signature with when it was given and on which version, and marks the practice’s own questions', () => {
    const signatureItem = q.item!.flatMap((s) => s.item ?? []).find((i) => (i.extension ?? []).some((e) => e.url === HAVEN_EXTENSIONS.signature))!;
    const withOwn: Questionnaire = {
      ...q,
      item: q.item!.map((s) =>
        s.linkId === 'reasons'
          ? { ...s, item: [...(s.item ?? []), { linkId: 'practice-parking', text: 'Will you need parking?', type: 'boolean', extension: [{ url: HAVEN_EXTENSIONS.practiceQuestion, valueString: 'parking' }] }] }
          : s,
      ),
    };
    const words = text(
      render(withOwn, { [signatureItem.linkId]: 'Ada Lovelace', 'practice-parking': true }, { [signatureItem.linkId]: { signedAt: '2026-12-01T15:04:00Z', questionnaireVersion: '2026.1+p2' } }),
    );
    expect(words).toContain('Ada Lovelace Signed Dec 1, 2026, 10:04 AM EST · questionnaire version 2026.1+p2');
    expect(words).toContain('Will you need parking? (the practice’s question) Yes');
  });

  it('gives every heading an id under its prefix, so two intakes side by side never share one', () => {
    const html = render(q, {});
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.every((id) => id.startsWith('p-'))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
