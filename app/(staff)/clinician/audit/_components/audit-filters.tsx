import { buttonClasses } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { AUDIT_ACTION_GROUPS } from '@/lib/audit/labels';
import type { AuditSearch } from '@/lib/audit/search-params';

/** A plain GET form (no client JavaScript): the filters become the page's address. */
export function AuditFilters({ values }: { values: AuditSearch['values'] }) {
  const filtered = Boolean(values.kind || values.from || values.to);
  return (
    <form method="get" action="/clinician/audit" aria-label="Filter the audit log" className="mt-6 flex flex-wrap items-end gap-4">
      <div className="min-w-64">
        <label htmlFor="audit-kind" className="block font-medium text-ink">
          Kind of entry
        </label>
        <select
          id="audit-kind"
          name="kind"
          defaultValue={values.kind}
          className="mt-1.5 block w-full rounded-lg border border-line-strong bg-surface px-3.5 py-2.5 text-base text-ink"
        >
          <option value="">All kinds</option>
          {AUDIT_ACTION_GROUPS.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {Object.entries(group.actions).map(([action, label]) => (
                <option key={action} value={action}>
                  {label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <TextField id="audit-from" name="from" type="date" label="From" defaultValue={values.from} className="w-44" />
      <TextField id="audit-to" name="to" type="date" label="To (inclusive)" defaultValue={values.to} className="w-44" />
      <button type="submit" className={buttonClasses({ variant: 'primary' })}>
        Show entries
      </button>
      {filtered ? (
        <a href="/clinician/audit" className={buttonClasses({ variant: 'quiet' })}>
          Clear filters
        </a>
      ) : null}
    </form>
  );
}
