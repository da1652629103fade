import { describe, expect, it } from 'vitest';
import { auditSearchHref, parseAuditSearch } from './search-params';

const NY = 'America/New_York';

describe('audit log address', () => {
  it('reads practice-local days as an inclusive range of instants', () => {
    const s = parseAuditSearch({ kind: 'booking.clinical_viewed', from: '2026-03-07', to: '2026-03-08' }, NY);
    expect(s.problems).toEqual([]);
    expect(s.values).toEqual({ kind: 'booking.clinical_viewed', from: '2026-03-07', to: '2026-03-08' });
    // 7 March 00:00 EST, and 9 March 00:00 EDT (the clocks sprang forward on the 8th).
    expect(s.filter).toEqual({ action: 'booking.clinical_viewed', from: new Date('2026-03-07T05:00:00Z'), to: new Date('2026-03-09T04:00:00Z') });
  });

  it('drops what does not parse, with plain messages, and keeps the rest', () => {
    const s = parseAuditSearch({ kind: "x'; drop table", from: '2026-02-30', to: ['2026-03-01', 'ignored'], cursor: 'abc' }, NY);
    expect(s.filter).toEqual({ to: new Date('2026-03-02T05:00:00Z'), cursor: 'abc' });
    expect(s.values).toEqual({ kind: '', from: '', to: '2026-03-01' });
    expect(s.problems).toHaveLength(2);

    const backwards = parseAuditSearch({ from: '2026-03-05', to: '2026-03-01' }, NY);
    expect(backwards.filter).toEqual({});
    expect(backwards.problems).toEqual(['The end date was before the start date, so the dates were left out.']);
    expect(parseAuditSearch({}, NY)).toEqual({ values: { kind: '', from: '', to: '' }, filter: {}, problems: [] });
  });

  it('builds the address back, with a cursor for older entries', () => {
    expect(auditSearchHref({ kind: '', from: '', to: '' })).toBe('/clinician/audit');
    expect(auditSearchHref({ kind: 'staff.sign_in.failed', from: '2026-03-01', to: '' }, 'c1')).toBe(
      '/clinician/audit?kind=staff.sign_in.failed&from=2026-03-01&cursor=c1',
    );
  });
});
