'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { ActionOutcome, type Outcome } from '@/components/ui/action-outcome';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { noteStaffActivity } from '../../../_components/session-channel';
import { createCalendarFeedAction, revokeCalendarFeedAction, setCalendarFeedNamesAction } from '../actions';

type Settings = { enabled: boolean; showsNames: boolean; title: string };
type Asking = 'regenerate' | 'revoke' | null;

/** The new address, shown once, with a copy button and what to do with it. */
function NewAddress({ url }: { url: string }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Address copied.');
    } catch {
      // Clipboard refused (permissions, plain http): select the text so it can be copied by hand.
      inputRef.current?.select();
      setStatus('Press Ctrl+C (or ⌘C) to copy the selected address.');
    }
  }

  return (
    <div className="mt-6 rounded-xl border border-line-strong bg-surface p-4 sm:p-5" data-testid="calendar-feed-address">
      <label htmlFor={id} className="block font-medium text-ink">
        Your calendar feed address
      </label>
      <div className="mt-1.5 flex flex-col gap-2 sm:flex-row">
        <input
          ref={inputRef}
          id={id}
          type="text"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="min-h-11 w-full rounded-lg border border-line-strong bg-canvas px-3 py-2 font-mono text-sm text-ink"
        />
        <Button variant="secondary" onClick={copy} className="shrink-0">
          Copy address
        </Button>
      </div>
      <p role="status" aria-live="polite" className="mt-1.5 min-h-6 text-sm text-ink-muted">
        {status}
      </p>
      <p className="mt-2 text-ink">
        Subscribe to this address in Apple Calendar, Google Calendar or Outlook. Anyone with the address can see your schedule; keep it
        private.
      </p>
      <p className="mt-2 text-sm text-ink-muted">
        It is shown only now: Haven keeps no copy it could show again. If you lose it, or someone else may have it, get a new address.
      </p>
    </div>
  );
}

/**
 * The clinician's calendar feed: make it (the address appears once), get a new address (the old
 * one stops at once), turn it off, and choose full names or initials. Every action says what happened.
 */
export function CalendarFeedPanel({ initial }: { initial: Settings }) {
  const router = useRouter();
  const [enabled, setEnabled] = useState(initial.enabled);
  const [showsNames, setShowsNames] = useState(initial.showsNames);
  const [savedNames, setSavedNames] = useState(initial.showsNames);
  const [url, setUrl] = useState<string | null>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [namesOutcome, setNamesOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();

  const create = () =>
    startTransition(async () => {
      setOutcome(null);
      setAsking(null);
      const result = await createCalendarFeedAction({});
      noteStaffActivity();
      if (!result.ok) {
        setOutcome({ tone: 'danger', text: result.formError ?? 'The calendar feed could not be made. Please try again.' });
        return;
      }
      setUrl(result.data.url);
      setEnabled(true);
      setOutcome({
        tone: 'success',
        text: result.data.replaced
          ? 'Your calendar feed has a new address. The old address has stopped working: calendars subscribed to it no longer update.'
          : 'Your calendar feed is on. Copy its address below.',
      });
      router.refresh();
    });

  const revoke = () =>
    startTransition(async () => {
      setOutcome(null);
      setAsking(null);
      const result = await revokeCalendarFeedAction({});
      noteStaffActivity();
      if (!result.ok) {
        setOutcome({ tone: 'danger', text: result.formError ?? 'The calendar feed could not be turned off. Please try again.' });
        return;
      }
      setUrl(null);
      setEnabled(false);
      setOutcome({
        tone: 'success',
        text: 'Your calendar feed is off. Its address has stopped working; you can remove the subscription from your calendar app.',
      });
      router.refresh();
    });

  const saveNames = () =>
    startTransition(async () => {
      setNamesOutcome(null);
      const result = await setCalendarFeedNamesAction({ showsNames });
      noteStaffActivity();
      if (!result.ok) {
        setNamesOutcome({ tone: 'danger', text: result.formError ?? 'The setting could not be saved. Please try again.' });
        return;
      }
      setSavedNames(result.data.showsNames);
      setNamesOutcome({
        tone: 'success',
        text: result.data.showsNames
          ? 'Your calendar feed now shows clients’ full names. Calendar apps show the change when they next check the feed.'
          : `Your calendar feed now shows initials only (“${initial.title} · J. D.”).`,
      });
      router.refresh();
    });

  return (
    <>
      <section aria-labelledby="feed-address-heading" className="mt-8">
        <h2 id="feed-address-heading" className="font-serif text-xl font-semibold text-ink">
          Address
        </h2>
        <p className="mt-1 text-ink" data-testid="calendar-feed-state">
          {enabled ? 'Your calendar feed is on.' : 'Your calendar feed is off.'}
        </p>
        {url ? <NewAddress url={url} /> : null}
        <div className="mt-4 flex flex-wrap gap-3">
          {enabled ? (
            <>
              <Button variant="secondary" disabled={pending} onClick={() => setAsking('regenerate')}>
                Get a new address
              </Button>
              <Button variant="secondary" disabled={pending} onClick={() => setAsking('revoke')}>
                Turn off the feed
              </Button>
            </>
          ) : (
            <Button disabled={pending} onClick={create}>
              {pending ? 'Making the address…' : 'Create a calendar feed'}
            </Button>
          )}
        </div>
        {asking ? (
          <Notice tone="warning" title={asking === 'regenerate' ? 'Get a new address?' : 'Turn off the feed?'} role="note" className="mt-4 max-w-3xl">
            <p>
              {asking === 'regenerate'
                ? 'The current address stops working at once. Calendars subscribed to it stop updating until you subscribe to the new one.'
                : 'The address stops working at once, and calendars subscribed to it stop updating.'}
            </p>
            <div className="mt-3 flex flex-wrap gap-3">
              <Button variant={asking === 'revoke' ? 'danger' : 'primary'} disabled={pending} onClick={asking === 'regenerate' ? create : revoke}>
                {asking === 'regenerate' ? 'Yes, get a new address' : 'Yes, turn it off'}
              </Button>
              <Button variant="secondary" disabled={pending} onClick={() => setAsking(null)}>
                Keep it as it is
              </Button>
            </div>
          </Notice>
        ) : null}
        <ActionOutcome outcome={outcome} title={{ success: 'Calendar feed updated', failure: 'Calendar feed not changed' }} className="mt-4 max-w-3xl" />
      </section>

      <section aria-labelledby="feed-names-heading" className="mt-12 border-t border-line pt-8">
        <h2 id="feed-names-heading" className="font-serif text-xl font-semibold text-ink">
          Names
        </h2>
        <form
          aria-label="Names in the calendar feed"
          className="mt-3 max-w-3xl space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            saveNames();
          }}
        >
          <label className="flex min-h-11 items-start gap-3 text-ink">
            <input
              type="checkbox"
              className="mt-1 size-5 accent-accent"
              checked={showsNames}
              onChange={(event) => setShowsNames(event.target.checked)}
              aria-describedby="feed-names-warning"
            />
            <span>Show clients&apos; full names</span>
          </label>
          <p id="feed-names-warning" className="-mt-2 text-sm text-ink-muted">
            Calendar apps show event titles on lock screens, in notifications and to anyone you share the calendar with. With names on, all
            of them can see who you are meeting. Off, titles show initials only.
          </p>
          <Button type="submit" disabled={pending || showsNames === savedNames}>
            {pending ? 'Saving…' : 'Save'}
          </Button>
          <ActionOutcome outcome={namesOutcome} title={{ success: 'Names setting saved', failure: 'Names setting not saved' }} />
        </form>
      </section>
    </>
  );
}
