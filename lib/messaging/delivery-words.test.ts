import { describe, expect, it } from 'vitest';
import { deliveryStateText, linkToldSentence, toldSentences } from './delivery-words';

describe('delivery words', () => {
  it('says each state plainly, with the mail server’s own words when it refused', () => {
    const base = { skipReason: null, lastError: null, attempts: 0 };
    expect(deliveryStateText({ ...base, state: 'queued' }, {})).toBe('Waiting to send');
    expect(deliveryStateText({ ...base, state: 'sending' }, {})).toBe('Sending');
    expect(deliveryStateText({ ...base, state: 'sent' }, { sentAt: 'Tue, Dec 1, 9:00 AM EST' })).toBe('Sent Tue, Dec 1, 9:00 AM EST');
    expect(deliveryStateText({ ...base, state: 'retrying', lastError: '421 try later', attempts: 2 }, {})).toBe('Retrying — the mail server said “421 try later” (attempt 2)');
    expect(deliveryStateText({ ...base, state: 'failed', lastError: '550 no such user' }, {})).toBe('Failed — “550 no such user”');
    expect(deliveryStateText({ ...base, state: 'skipped', skipReason: 'no_email_consent' }, {})).toBe('Not sent: the client asked not to be emailed');
    expect(deliveryStateText({ ...base, state: 'skipped', skipReason: 'superseded' }, {})).toBe('Not sent: superseded by a later change');
    expect(deliveryStateText({ ...base, state: 'skipped', skipReason: 'something new' }, {})).toBe('Not sent: not needed any more');
  });

  it('says who was told of a change, and who must be called', () => {
    const q = (recipient: 'primary' | 'partner' | 'practice') => ({ recipient, state: 'queued' as const, skipReason: null });
    expect(toldSentences([q('primary'), q('partner'), q('practice')])).toEqual(['We’re emailing the client and their partner.']);
    expect(toldSentences([q('primary')])).toEqual(['We’re emailing the client.']);
    expect(toldSentences([{ recipient: 'primary', state: 'skipped', skipReason: 'no_email_consent' }, q('partner')])).toEqual([
      'We’re emailing the client’s partner.',
      'Not emailed: the client asked not to be contacted by email — please call them.',
    ]);
    expect(toldSentences([])).toEqual(['Nobody was emailed about this.']);
  });

  it('says where a new link was emailed, or why not', () => {
    expect(linkToldSentence([{ recipient: 'partner', state: 'queued', skipReason: null }], 'partner', 's•••@example.com')).toBe('We’re emailing it to the partner at s•••@example.com.');
    expect(linkToldSentence([{ recipient: 'primary', state: 'skipped', skipReason: 'no_email_consent' }], 'primary', 'a•••@example.com')).toBe(
      'Not emailed: the client asked not to be contacted by email — read it out or send it another way.',
    );
  });
});
