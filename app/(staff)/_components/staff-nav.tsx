'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cx } from '@/components/ui/cx';

export type StaffNavItem = { href: string; label: string };

/**
 * The staff area's main navigation; the current page is marked for assistive tech. Links don't
 * prefetch: a prefetch is a request that would check — and so keep alive — the session.
 */
export function StaffNav({ items }: { items: StaffNavItem[] }) {
  const pathname = usePathname();
  // The most specific match is current: /clinician/requests → "Requests", not "Today & week".
  const current = items
    .filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return (
    <nav aria-label="Staff">
      <ul className="-ml-3 flex flex-wrap gap-1">
        {items.map((item) => {
          const isCurrent = item === current;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                prefetch={false}
                aria-current={isCurrent ? 'page' : undefined}
                className={cx(
                  'inline-flex min-h-11 items-center rounded-lg px-3 py-2 font-medium no-underline transition-colors',
                  isCurrent ? 'bg-accent-soft text-accent-strong' : 'text-ink-muted hover:bg-accent-soft hover:text-ink',
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
