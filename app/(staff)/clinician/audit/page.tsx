import type { Metadata } from 'next';
import Link from 'next/link';
import { Notice } from '@/components/ui/notice';
import { findAuditEvents } from '@/lib/audit/queries';
import type { AuditPage } from '@/lib/audit/dto';
import { auditSearchHref, parseAuditSearch } from '@/lib/audit/search-params';
import { AppError } from '@/lib/errors';
import { getStaffPractice } from '@/lib/staff/practice';
import { requireStaffPage } from '../../_lib/staff-guard';
import { AuditFilters } from './_components/audit-filters';
import { AuditTable } from './_components/audit-table';

export const metadata: Metadata = { title: 'Audit log' };

/** Entries per page: enough for a day of a small practice, small enough to render at once. */
const PAGE_SIZE = 50;

/**
 * Who did what and when: sign-ins, views of sensitive records, changes. Clinicians only
 * ('audit.read'; the front desk gets "not found"). Shows who, what in plain words and which
 * record as a short reference — never clinical content, which the log doesn't hold.
 * Filters and paging live in the address (a plain GET form, "Older entries" carries a cursor).
 */
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor } = await requireStaffPage('audit.read');
  const practice = await getStaffPractice({ actor });
  const zone = practice.timeZone;
  const search = parseAuditSearch(await searchParams, zone);
  const newestHref = auditSearchHref(search.values);

  let page: AuditPage | null = null;
  let pageProblem: string | null = null;
  try {
    page = await findAuditEvents({ actor, limit: PAGE_SIZE, ...search.filter });
  } catch (error) {
    // A stale or edited page link (or a filter the data layer refuses): say so, offer the newest.
    if (!(error instanceof AppError) || error.code !== 'INVALID') throw error;
    pageProblem = error.message;
  }
  const filtered = Boolean(search.values.kind || search.values.from || search.values.to);

  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8">
      <h1 className="font-serif text-3xl font-semibold text-ink">Audit log</h1>
      <p className="mt-2 max-w-3xl text-ink-muted">
        Who did what and when: sign-ins, views of consultation records, and changes. Newest first. Times are in the
        practice&apos;s time zone ({zone}). Records are shown by reference only.
      </p>

      <AuditFilters values={search.values} />

      {search.problems.length ? (
        <Notice tone="warning" title="Some filters were left out" role="status" className="mt-4">
          <ul className="list-disc pl-5">
            {search.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </Notice>
      ) : null}

      {pageProblem || !page ? (
        <Notice tone="warning" title="This page of the log couldn't be shown" role="status" className="mt-6">
          <p>{pageProblem}</p>
          <p className="mt-2">
            <Link prefetch={false} href={newestHref} className="text-accent underline underline-offset-4">
              Show the newest entries
            </Link>
          </p>
        </Notice>
      ) : page.events.length === 0 ? (
        <div className="mt-8 rounded-lg border border-line bg-surface px-5 py-6" data-testid="audit-empty">
          <p className="font-medium text-ink">{search.filter.cursor ? 'No older entries.' : filtered ? 'No entries match these filters.' : 'Nothing has been recorded yet.'}</p>
          <p className="mt-1 text-ink-muted">
            {filtered ? 'Try another kind of entry or a wider range of dates.' : 'Sign-ins, record views and changes will appear here as they happen.'}
          </p>
        </div>
      ) : (
        <>
          <AuditTable events={page.events} timeZone={zone} />
          <nav aria-label="Audit log pages" className="mt-6 flex flex-wrap gap-x-6 gap-y-2">
            {search.filter.cursor ? (
              <Link prefetch={false} href={newestHref} className="font-medium text-accent underline underline-offset-4">
                Newest entries
              </Link>
            ) : null}
            {page.nextCursor ? (
              <Link prefetch={false} href={auditSearchHref(search.values, page.nextCursor)} className="font-medium text-accent underline underline-offset-4">
                Older entries
              </Link>
            ) : (
              <span className="text-ink-muted">These are the oldest entries{filtered ? ' for these filters' : ''}.</span>
            )}
          </nav>
        </>
      )}
    </div>
  );
}
