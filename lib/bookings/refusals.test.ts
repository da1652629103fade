import { describe, expect, it } from 'vitest';
import { noticeText, SLOT_GONE_MESSAGE, SLOT_TAKEN_MESSAGE, unavailableMessage } from './refusals';

const limits = { minNoticeMinutes: 24 * 60, horizonDays: 90, dailyCap: 4 };

describe('unavailableMessage', () => {
  it('says what happened, not "just taken", for notice, horizon and a full day', () => {
    expect(unavailableMessage('too_soon', limits, 'checked')).toBe(
      "That time is too soon: bookings need 24 hours' notice. Here are the nearest free times.",
    );
    expect(unavailableMessage('too_far', limits, 'checked')).toBe(
      'That time is too far ahead: bookings open up to 90 days ahead. Here are the latest free times.',
    );
    expect(unavailableMessage('day_full', limits, 'raced')).toBe(
      'That day is fully booked for this consultation (at most 4 a day). Here are the nearest free times.',
    );
    expect(unavailableMessage('past', limits, 'checked')).toMatch(/already passed/);
  });

  it('keeps "just taken" for a time someone else got first', () => {
    expect(unavailableMessage('not_open', limits, 'raced')).toBe(SLOT_TAKEN_MESSAGE);
    expect(unavailableMessage('not_open', limits, 'checked')).toBe(SLOT_GONE_MESSAGE);
  });
});

describe('noticeText', () => {
  it('uses the plainest unit', () => {
    expect(noticeText(60)).toBe("1 hour's");
    expect(noticeText(240)).toBe("4 hours'");
    expect(noticeText(1440)).toBe("24 hours'");
    expect(noticeText(2880)).toBe("48 hours'");
    expect(noticeText(90)).toBe("90 minutes'");
    expect(noticeText(1)).toBe("1 minute's");
  });
});
