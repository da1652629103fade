'use client';

import { useEffect, useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ActionOutcome, type Outcome } from '@/components/ui/action-outcome';
import type { AvailabilityOverrideDto } from '@/lib/availability/dto';
import { noteStaffActivity } from '../../../_components/session-channel';
import { removeOverrideAction, type Orphans } from '../actions';
import { ExtraHoursForm } from './extra-hours-form';
import { asSavedAvailability, useAvailabilityVersion } from './availability-version';
import { OrphansQuestion } from './orphans-question';
import { describeOverride } from './override-labels';
import { TimeOffForm } from './time-off-form';

const byDate = (a: AvailabilityOverrideDto, b: AvailabilityOverrideDto) =>
  a.date.localeCompare(b.date) || (a.start ?? '').localeCompare(b.start ?? '') || a.id.localeCompare(b.id);

/** Upcoming time off and extra hours, each removable, and the two forms that add them. */
export function OverridesEditor({ initial, timeZone, today }: { initial: AvailabilityOverrideDto[]; timeZone: string; today: string }) {
  const [overrides, setOverrides] = useState(() => [...initial].sort(byDate));
  const [announcement, setAnnouncement] = useState<Outcome | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const version = useAvailabilityVersion();
  // A stale save anywhere on the page brings the saved state: the list shows it.
  useEffect(() => version.onSaved((saved) => setOverrides([...saved.overrides].sort(byDate))), [version]);

  const added = (o: AvailabilityOverrideDto) => {
    setAnnouncement(null);
    setOverrides((list) => [...list.filter((x) => x.id !== o.id), o].sort(byDate));
  };
  const removed = (o: AvailabilityOverrideDto, orphansConfirmed: number) => {
    setOverrides((list) => list.filter((x) => x.id !== o.id));
    const kept = orphansConfirmed > 0 ? ` ${orphansConfirmed === 1 ? '1 booking keeps its time' : `${orphansConfirmed} bookings keep their times`}: please contact the clients.` : '';
    setAnnouncement({ tone: 'success', text: `Removed: ${describeOverride(o)}.${kept}` });
    listHeading.current?.focus();
  };

  return (
    <div className="mt-4 space-y-6">
      <div>
        <h3 ref={listHeading} tabIndex={-1} className="font-serif text-lg font-semibold text-ink outline-none">
          Coming up
        </h3>
        <ActionOutcome outcome={announcement} title="Time off and extra hours" className="mt-2" />
        {overrides.length === 0 ? (
          <p className="mt-2 text-ink-muted" data-testid="no-overrides">
            No time off or extra hours coming up.
          </p>
        ) : (
          <ul aria-label="Upcoming time off and extra hours" className="mt-2 divide-y divide-line rounded-lg border border-line bg-surface">
            {overrides.map((o) => (
              <OverrideRow
                key={o.id}
                override={o}
                timeZone={timeZone}
                onRemoved={(n) => removed(o, n)}
                onFailed={(text) => setAnnouncement({ tone: 'danger', text })}
              />
            ))}
          </ul>
        )}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <TimeOffForm timeZone={timeZone} today={today} onAdded={added} />
        <ExtraHoursForm timeZone={timeZone} today={today} onAdded={added} />
      </div>
    </div>
  );
}

function OverrideRow({
  override,
  timeZone,
  onRemoved,
  onFailed,
}: {
  override: AvailabilityOverrideDto;
  timeZone: string;
  onRemoved: (orphansConfirmed: number) => void;
  onFailed: (text: string) => void;
}) {
  const [pending, startTransition] = useTransition();
  const [orphans, setOrphans] = useState<Orphans | null>(null);
  const version = useAvailabilityVersion();
  const description = describeOverride(override);

  const remove = (confirmOrphans?: string[]) =>
    startTransition(async () => {
      const result = await removeOverrideAction({ overrideId: override.id, confirmOrphans, version: version.get() });
      noteStaffActivity();
      if (!result.ok) {
        setOrphans(null);
        const saved = asSavedAvailability(result);
        if (saved) {
          onFailed(`${result.formError ?? 'Your availability changed after you opened this page. Nothing was saved.'} The list now shows what is saved: remove the entry again if you still want to.`);
          version.showSaved(saved);
          return;
        }
        onFailed(result.formError ?? 'That entry could not be removed. Please try again.');
        return;
      }
      const data = result.data;
      if (data.saved) version.set(data.version);
      if (data.saved) onRemoved(data.orphansConfirmed);
      else setOrphans(data);
    });

  return (
    <li className="px-4 py-3" aria-label={description}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <span className="font-medium text-ink">{description}</span>
        {override.label ? <span className="text-ink-muted">{override.label}</span> : null}
        <Button variant="secondary" className="ml-auto" onClick={() => remove()} disabled={pending} aria-label={`Remove ${description}`}>
          {pending && !orphans ? 'Removing…' : 'Remove'}
        </Button>
      </div>
      {orphans ? (
        <div className="mt-3">
          <OrphansQuestion
            title="Some bookings were made in these extra hours"
            orphans={orphans}
            timeZone={timeZone}
            pending={pending}
            onConfirm={remove}
            onCancel={() => setOrphans(null)}
            cancelLabel="Keep these hours"
          />
        </div>
      ) : null}
    </li>
  );
}
