import { addDaysToDate, wallClockBoundaryToUtc } from '../scheduling/zoned-time';
import { isKnownAuditAction } from './labels';

/**
 * The audit log page's address: `?kind=<action>&from=YYYY-MM-DD&to=YYYY-MM-DD&cursor=…`.
 * Dates are calendar days in the practice's zone, both inclusive; they become the half-open
 * instant range [from 00:00, day after `to` 00:00) that `findAuditEvents` takes. Anything that
 * doesn't parse is dropped with a plain message (the page still shows the rest), never thrown.
 */
export type AuditSearch = {
  /** What the form shows again (as typed, when valid). */
  values: { kind: string; from: string; to: string };
  /** For findAuditEvents. */
  filter: { action?: string; from?: Date; to?: Date; cursor?: string };
  /** Plain messages about parts of the address that were ignored. */
  problems: string[];
};

type RawParams = Record<string, string | string[] | undefined>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

function isRealDate(date: string): boolean {
  if (!DATE.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

export function parseAuditSearch(params: RawParams, timeZone: string): AuditSearch {
  const problems: string[] = [];
  const values = { kind: '', from: '', to: '' };
  const filter: AuditSearch['filter'] = {};

  const kind = first(params.kind);
  if (kind) {
    if (isKnownAuditAction(kind)) {
      values.kind = kind;
      filter.action = kind;
    } else problems.push('That kind of entry is not one we know, so all kinds are shown.');
  }

  const from = first(params.from);
  const to = first(params.to);
  const fromOk = from !== '' && isRealDate(from);
  const toOk = to !== '' && isRealDate(to);
  if (from && !fromOk) problems.push('The start date was not a date, so it was left out.');
  if (to && !toOk) problems.push('The end date was not a date, so it was left out.');
  if (fromOk && toOk && to < from) {
    problems.push('The end date was before the start date, so the dates were left out.');
  } else {
    if (fromOk) {
      values.from = from;
      filter.from = new Date(wallClockBoundaryToUtc(from, '00:00', timeZone));
    }
    if (toOk) {
      values.to = to;
      filter.to = new Date(wallClockBoundaryToUtc(addDaysToDate(to, 1), '00:00', timeZone));
    }
  }

  const cursor = first(params.cursor);
  if (cursor) filter.cursor = cursor.slice(0, 200);
  return { values, filter, problems };
}

/** The page's address for these filters (and, for "Older entries", a cursor). */
export function auditSearchHref(values: AuditSearch['values'], cursor?: string): string {
  const query = new URLSearchParams();
  if (values.kind) query.set('kind', values.kind);
  if (values.from) query.set('from', values.from);
  if (values.to) query.set('to', values.to);
  if (cursor) query.set('cursor', cursor);
  const search = query.toString();
  return `/clinician/audit${search ? `?${search}` : ''}`;
}
