'use client';

import { useId, useMemo, useState } from 'react';
import type { ClinicianSlots } from '@/lib/bookings/dto';
import { isValidTimeZone } from '@/lib/scheduling/zoned-time';
import { cx } from '@/components/ui/cx';
import { useLocale } from '@/components/locale/locale-context';
import { COMMON_TIME_ZONES, formatDateRange, formatLocalDate, formatTime, formatTimeWithZoneName, zoneLabel } from './format';
import { calendarWeeks, dayPartOf, groupByLocalDate, mergeSlots, rangeDates, type DayPart, type Slot } from './slot-days';
import { useDetectedTimeZone, useHydrated } from './use-client-time-zone';

export type SlotChoice = { startsAt: string; clinicianId: string; timeZone: string };

export type SlotPickerProps = {
  slots: readonly ClinicianSlots[];
  rangeStart: string;
  rangeEnd: string;
  practiceTimeZone: string;
  /** In-person consultations show the office's clock beside each time when the zones differ. */
  showOfficeTime: boolean;
  /** A zone chosen earlier (from the URL); otherwise the browser's zone is used. */
  initialTimeZone?: string | null;
  /** The start currently chosen, shown pressed (reschedule). */
  selectedStart?: string | null;
  /** True when choosing a time selects it (aria-pressed) rather than moving on at once. */
  selectable?: boolean;
  busy?: boolean;
  onChoose: (choice: SlotChoice) => void;
  onTimeZoneChange?: (timeZone: string) => void;
  /** Whose zone is whose, added to the zone list's names ("New York (Eastern time) · practice"). */
  zoneRoles?: Readonly<Record<string, string>>;
  /** A second clock under each time when it reads differently ("10:00 AM CST for the client"). */
  alsoShow?: { timeZone: string; suffix: string } | null;
  /** A short note under a time ("Inside the usual notice"), or null. */
  slotNote?: (ms: number) => string | null;
};

const DAY_PARTS: DayPart[] = ['Morning', 'Afternoon', 'Evening'];

/**
 * Days and times in the viewer's own time zone: a week-at-a-time strip of days, then the chosen
 * day's times as buttons. Renders after hydration only, because the zone is the browser's.
 */
export function SlotPicker(props: SlotPickerProps) {
  const hydrated = useHydrated();
  const detected = useDetectedTimeZone();
  if (!hydrated) {
    return (
      <div role="status" aria-live="polite" className="rounded-2xl border border-line bg-surface p-6 text-ink-muted">
        Finding open times in your time zone…
      </div>
    );
  }
  const initial = props.initialTimeZone && isValidTimeZone(props.initialTimeZone) ? props.initialTimeZone : null;
  return <HydratedSlotPicker {...props} startZone={initial ?? detected ?? props.practiceTimeZone} detectedZone={detected} />;
}

function HydratedSlotPicker({
  slots,
  rangeStart,
  rangeEnd,
  practiceTimeZone,
  showOfficeTime,
  selectedStart,
  selectable = false,
  busy = false,
  onChoose,
  onTimeZoneChange,
  zoneRoles,
  alsoShow,
  slotNote,
  startZone,
  detectedZone,
}: SlotPickerProps & { startZone: string; detectedZone: string | null }) {
  const ids = useId();
  const locale = useLocale();
  const [timeZone, setTimeZone] = useState(startZone);
  const [chosenDate, setChosenDate] = useState<string | null>(null);
  const [chosenWeek, setChosenWeek] = useState<number | null>(null);

  const merged = useMemo(() => mergeSlots(slots), [slots]);
  const days = useMemo(() => groupByLocalDate(merged, timeZone), [merged, timeZone]);
  const weeks = useMemo(() => {
    const { first, last } = rangeDates(Date.parse(rangeStart), Date.parse(rangeEnd), timeZone);
    return { first, last, list: calendarWeeks(first, last) };
  }, [rangeStart, rangeEnd, timeZone]);

  const selectedMs = selectedStart ? Date.parse(selectedStart) : null;
  const firstOpenDate = days.keys().next().value ?? null;
  const activeDate = chosenDate !== null && days.has(chosenDate) ? chosenDate : chosenWeek === null ? firstOpenDate : null;
  const weekIndex =
    chosenWeek ?? Math.max(0, weeks.list.findIndex((week) => activeDate !== null && week.includes(activeDate)));
  const week = weeks.list[weekIndex] ?? [];
  const nextOpenDate = [...days.keys()].find((d) => d > (week[6] ?? '')) ?? null;

  const zoneOptions = useMemo(() => {
    const options = [...COMMON_TIME_ZONES];
    for (const zone of [detectedZone, startZone, practiceTimeZone, ...Object.keys(zoneRoles ?? {})]) {
      if (zone && isValidTimeZone(zone) && !options.some((o) => o.id === zone)) options.unshift({ id: zone, label: zoneLabel(zone) });
    }
    return options.map((o) => {
      const roles = [zoneRoles?.[o.id], o.id === detectedZone ? 'this device' : undefined].filter(Boolean);
      return { ...o, label: roles.length ? `${o.label} (${roles.join(', ')})` : o.label };
    });
  }, [detectedZone, startZone, practiceTimeZone, zoneRoles]);

  const officeDiffers = showOfficeTime && timeZone !== practiceTimeZone;

  function changeZone(zone: string) {
    setTimeZone(zone);
    setChosenDate(null);
    setChosenWeek(null);
    onTimeZoneChange?.(zone);
  }

  function goToWeek(index: number) {
    const target = weeks.list[index] ?? [];
    setChosenWeek(index);
    setChosenDate(target.find((d) => days.has(d)) ?? null);
  }

  function goToDate(date: string) {
    setChosenDate(date);
    setChosenWeek(weeks.list.findIndex((w) => w.includes(date)));
  }

  const weekLabel = week.length ? formatDateRange(week[0]!, week[6]!, locale) : '';
  const daySlots = activeDate ? (days.get(activeDate) ?? []) : [];

  return (
    <div className="space-y-6" aria-busy={busy || undefined}>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-3">
        <label htmlFor={`${ids}-zone`} className="font-medium text-ink">
          Show times in
        </label>
        <select
          id={`${ids}-zone`}
          value={timeZone}
          onChange={(e) => changeZone(e.target.value)}
          className="min-h-11 rounded-lg border border-line-strong bg-surface px-3 py-2 text-base text-ink sm:min-w-72"
        >
          {zoneOptions.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {officeDiffers ? (
        <p className="text-sm text-ink-muted">
          This consultation is at the office, so each time also shows the office&apos;s local time:{' '}
          {zoneLabel(practiceTimeZone)}.
        </p>
      ) : null}

      <section aria-labelledby={`${ids}-week`} className="rounded-2xl border border-line bg-surface p-4 sm:p-6">
        <div className="flex items-center justify-between gap-3">
          <button
            type="button"
            onClick={() => goToWeek(weekIndex - 1)}
            disabled={weekIndex <= 0}
            className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg px-2 text-lg text-accent hover:bg-accent-soft disabled:invisible sm:px-3 sm:text-base"
          >
            <span aria-hidden="true">←</span>
            <span className="sr-only sm:not-sr-only sm:ml-1">Previous week</span>
          </button>
          <h2 id={`${ids}-week`} className="text-center font-semibold text-ink">
            {weekLabel}
          </h2>
          <button
            type="button"
            onClick={() => goToWeek(weekIndex + 1)}
            disabled={weekIndex >= weeks.list.length - 1}
            className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg px-2 text-lg text-accent hover:bg-accent-soft disabled:invisible sm:px-3 sm:text-base"
          >
            <span className="sr-only sm:not-sr-only sm:mr-1">Next week</span>
            <span aria-hidden="true">→</span>
          </button>
        </div>

        <ul className="mt-4 grid grid-cols-7 gap-1.5 sm:gap-3" aria-label="Days this week">
          {week.map((date) => {
            const inRange = date >= weeks.first && date <= weeks.last;
            const count = days.get(date)?.length ?? 0;
            const pressed = date === activeDate;
            if (!inRange) {
              return <li key={date} aria-hidden="true" className="min-h-18" />;
            }
            const fullDate = formatLocalDate(date, { weekday: 'long', month: 'long', day: 'numeric' }, locale);
            return (
              <li key={date}>
                <button
                  type="button"
                  disabled={count === 0}
                  aria-pressed={pressed}
                  onClick={() => goToDate(date)}
                  className={cx(
                    'flex min-h-18 w-full flex-col items-center justify-center rounded-xl border px-0.5 py-2 text-center leading-tight transition-colors',
                    pressed
                      ? 'border-accent bg-accent text-white'
                      : count
                        ? 'border-line-strong bg-surface text-ink hover:border-accent hover:bg-accent-soft'
                        : 'cursor-not-allowed border-dashed border-line bg-canvas text-ink-muted',
                  )}
                >
                  <span aria-hidden="true" className="text-xs sm:text-sm">
                    {formatLocalDate(date, { weekday: 'short' }, locale)}
                  </span>
                  <span aria-hidden="true" className="text-lg font-semibold">
                    {formatLocalDate(date, { day: 'numeric' }, locale)}
                  </span>
                  <span aria-hidden="true" className="text-xs">
                    {formatLocalDate(date, { month: 'short' }, locale)}
                  </span>
                  <span className="sr-only">
                    {fullDate}
                    {count ? `, ${count} ${count === 1 ? 'time' : 'times'}` : ', no open times'}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>

      <p role="status" className="sr-only">
        {activeDate
          ? `${daySlots.length} open ${daySlots.length === 1 ? 'time' : 'times'} on ${formatLocalDate(activeDate, { weekday: 'long', month: 'long', day: 'numeric' }, locale)}, times shown for ${zoneLabel(timeZone)}.`
          : `No open times in the week of ${weekLabel}.`}
      </p>
      <section aria-labelledby={`${ids}-day`}>
        {activeDate ? (
          <>
            <h2 id={`${ids}-day`} className="font-serif text-xl font-semibold text-ink">
              {formatLocalDate(activeDate, { weekday: 'long', month: 'long', day: 'numeric' }, locale)}
            </h2>
            <div className="mt-4 space-y-5">
              {DAY_PARTS.map((part) => {
                const partSlots = daySlots.filter((s) => dayPartOf(s.ms, timeZone) === part);
                if (!partSlots.length) return null;
                return (
                  <div key={part} role="group" aria-labelledby={`${ids}-${part}`}>
                    <h3 id={`${ids}-${part}`} className="text-sm font-semibold tracking-wide text-ink-muted uppercase">
                      {part}
                    </h3>
                    <ul className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4">
                      {partSlots.map((slot) => (
                        <li key={slot.ms}>
                          <TimeButton
                            slot={slot}
                            idBase={`${ids}-${slot.ms}`}
                            timeZone={timeZone}
                            officeTimeZone={officeDiffers ? practiceTimeZone : null}
                            alsoShow={alsoShow ?? null}
                            note={slotNote?.(slot.ms) ?? null}
                            pressed={selectable ? slot.ms === selectedMs : undefined}
                            disabled={busy}
                            onClick={() =>
                              onChoose({ startsAt: new Date(slot.ms).toISOString(), clinicianId: slot.clinicianId, timeZone })
                            }
                          />
                        </li>
                      ))}
                    </ul>
                  </div>
                );
              })}
            </div>
          </>
        ) : (
          <div className="rounded-2xl border border-dashed border-line-strong bg-surface p-6">
            <h2 id={`${ids}-day`} className="font-semibold text-ink">
              No open times this week
            </h2>
            {nextOpenDate ? (
              <button
                type="button"
                onClick={() => goToDate(nextOpenDate)}
                className="mt-3 inline-flex min-h-11 items-center text-accent underline underline-offset-4"
              >
                Go to the next open day: {formatLocalDate(nextOpenDate, { weekday: 'long', month: 'long', day: 'numeric' }, locale)}
              </button>
            ) : (
              <p className="mt-2 text-ink-muted">There are no later open times in the next few weeks.</p>
            )}
          </div>
        )}
      </section>
    </div>
  );
}


function TimeButton({
  slot,
  idBase,
  timeZone,
  officeTimeZone,
  alsoShow,
  note,
  pressed,
  disabled,
  onClick,
}: {
  slot: Slot;
  idBase: string;
  timeZone: string;
  officeTimeZone: string | null;
  alsoShow: { timeZone: string; suffix: string } | null;
  note: string | null;
  pressed: boolean | undefined;
  disabled: boolean;
  onClick: () => void;
}) {
  const locale = useLocale();
  const time = formatTime(slot.ms, timeZone, locale);
  const office = officeTimeZone ? formatTimeWithZoneName(slot.ms, officeTimeZone, locale) : null;
  const showOffice = office !== null && formatTime(slot.ms, officeTimeZone!, locale) !== time;
  const other = alsoShow && formatTime(slot.ms, alsoShow.timeZone, locale) !== time ? formatTimeWithZoneName(slot.ms, alsoShow.timeZone, locale) : null;
  const describedBy = [showOffice && `${idBase}-o`, other && `${idBase}-a`, note && `${idBase}-n`].filter(Boolean).join(' ');
  const muted = pressed ? 'text-white' : 'text-ink-muted';
  return (
    <button
      type="button"
      aria-labelledby={`${idBase}-t`}
      aria-describedby={describedBy || undefined}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onClick}
      className={cx(
        'flex min-h-12 w-full flex-col items-center justify-center rounded-lg border px-2 py-2 text-center transition-colors',
        pressed ? 'border-accent bg-accent text-white' : 'border-line-strong bg-surface text-ink hover:border-accent hover:bg-accent-soft',
      )}
    >
      <span id={`${idBase}-t`} className="text-base font-semibold">
        {time}
      </span>
      {showOffice ? (
        <span id={`${idBase}-o`} className={cx('text-xs', pressed ? 'text-white' : 'text-ink-muted')}>
          {office} at the office
        </span>
      ) : null}
      {other ? (
        <span id={`${idBase}-a`} className={cx('text-xs', muted)}>
          {other} {alsoShow!.suffix}
        </span>
      ) : null}
      {note ? (
        <span id={`${idBase}-n`} className={cx('mt-0.5 text-xs font-medium', pressed ? 'text-white' : 'text-warning')}>
          {note}
        </span>
      ) : null}
    </button>
  );
}
