'use client';

import { useEffect, useRef, useState, useTransition } from 'react';
import { ActionOutcome, type Outcome } from '@/components/ui/action-outcome';
import { Button } from '@/components/ui/button';
import { noteStaffActivity } from '../../../_components/session-channel';
import { setTwoFactorForAllAction } from '../actions';

function asSavedSettings(result: { code?: string; data?: unknown }): { settingsVersion: number; requireTwoFactorForAll: boolean } | null {
  if (result.code !== 'stale' || !result.data || typeof result.data !== 'object') return null;
  const d = result.data as { settingsVersion?: unknown; requireTwoFactorForAll?: unknown };
  return typeof d.settingsVersion === 'number' && typeof d.requireTwoFactorForAll === 'boolean'
    ? { settingsVersion: d.settingsVersion, requireTwoFactorForAll: d.requireTwoFactorForAll }
    : null;
}

/** The practice's sign-in rule: clinicians always use two-step sign-in; this extends it to everyone. */
export function TwoStepPolicyForm({ initial, initialVersion }: { initial: boolean; initialVersion: number }) {
  const [required, setRequired] = useState(initial);
  const [saved, setSaved] = useState(initial);
  // The practice settings' edit version (lib/concurrency/edit-version.ts).
  const version = useRef(initialVersion);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();
  // Fresh server data (another form on this page saved and refreshed it): take its saved rule and
  // version, and keep what this person has ticked but not saved yet (no remount, nothing lost).
  useEffect(() => {
    version.current = initialVersion;
    setSaved(initial);
  }, [initial, initialVersion]);

  const save = () =>
    startTransition(async () => {
      setOutcome(null);
      const result = await setTwoFactorForAllAction({ required, version: version.current });
      noteStaffActivity();
      const current = result.ok ? null : asSavedSettings(result);
      if (current) {
        // Changed elsewhere in between: say what is saved now; the box keeps this person's choice.
        version.current = current.settingsVersion;
        setSaved(current.requireTwoFactorForAll);
        setOutcome({
          tone: 'danger',
          text:
            `${result.ok ? '' : (result.formError ?? 'The practice’s settings changed after you opened this page. Nothing was saved.')} ` +
            `Saved now: ${current.requireTwoFactorForAll ? 'everyone needs two-step sign-in' : 'two-step sign-in for clinicians only'}.` +
            (current.requireTwoFactorForAll === required ? ' That is what you chose, so nothing more to do.' : ' Save again to apply your choice.'),
        });
        return;
      }
      if (!result.ok) {
        setOutcome({ tone: 'danger', text: result.formError ?? 'The sign-in rule could not be saved. Please try again.' });
        return;
      }
      version.current = result.data.settingsVersion;
      setSaved(result.data.requireTwoFactorForAll);
      setOutcome({
        tone: 'success',
        text: result.data.requireTwoFactorForAll
          ? 'Everyone now needs two-step sign-in. Anyone without an authenticator app sets one up on their next page.'
          : 'Two-step sign-in is required for clinicians only.',
      });
    });

  return (
    <form
      aria-label="Sign-in rule"
      className="mt-3 space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label className="flex min-h-11 items-start gap-3 text-ink">
        <input
          type="checkbox"
          className="mt-1 size-5 accent-accent"
          checked={required}
          onChange={(event) => setRequired(event.target.checked)}
          aria-describedby="two-step-policy-hint"
        />
        <span>Require two-step sign-in for everyone, the front desk too</span>
      </label>
      <p id="two-step-policy-hint" className="-mt-2 text-sm text-ink-muted">
        Clinicians always need it. Staff without an authenticator app are asked to set one up (with recovery codes) before they can continue.
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={pending || required === saved}>
          {pending ? 'Saving…' : 'Save sign-in rule'}
        </Button>
      </div>
      <ActionOutcome outcome={outcome} title={{ success: 'Sign-in rule saved', failure: 'Sign-in rule not saved' }} />
    </form>
  );
}
