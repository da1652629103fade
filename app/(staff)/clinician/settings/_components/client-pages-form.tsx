'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { ActionOutcome, type Outcome } from '@/components/ui/action-outcome';
import { applyFieldErrors } from '@/components/ui/apply-field-errors';
import { Button } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/field';
import { DEFAULT_CRISIS_LINE } from '@/lib/practice/crisis-line';
import {
  MAX_CRISIS_LINE,
  MAX_SHARED_PAGE_TITLE,
  clientPagesFormSchema,
  type ClientPagesFormInput,
  type ClientPagesFormValues,
} from '@/lib/practice/client-pages-schema';
import { noteStaffActivity } from '../../../_components/session-channel';
import { StaleNotice } from '../../../_components/stale-notice';
import { saveClientPageSettingsAction } from '../client-pages-actions';

const FIELDS = ['sharedPageTitle', 'crisisLineUs', 'crisisLineElsewhere'] as const;

/** A stale save's `data`: the wording as saved now (lib/staff/client-pages.ts). */
function asSavedWording(result: { code?: string; data?: unknown }): ClientPagesFormInput | null {
  if (result.code !== 'stale' || !result.data || typeof result.data !== 'object') return null;
  const parsed = clientPagesFormSchema.safeParse(result.data);
  return parsed.success ? parsed.data : null;
}

/** What clients' pages say: the neutral title link previews show, and the footer's crisis lines. */
export function ClientPagesForm({ initial }: { initial: ClientPagesFormInput }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [stale, setStale] = useState<{ message: string; saved: ClientPagesFormInput } | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<ClientPagesFormValues, unknown, ClientPagesFormInput>({
    resolver: zodResolver(clientPagesFormSchema),
    defaultValues: initial,
  });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setOutcome(null);
      const result = await saveClientPageSettingsAction(values);
      noteStaffActivity();
      if (!result.ok) {
        const saved = asSavedWording(result);
        if (saved) {
          // Saved elsewhere in between: the saved wording is shown, what was typed here stays; the
          // next save (keep mine, or a merge by hand) builds on the saved version.
          form.setValue('version', saved.version);
          setStale({ message: result.formError ?? 'The wording of clients’ pages changed after you opened this page. Nothing was saved.', saved });
          return;
        }
        const first = applyFieldErrors(result, form.setError, FIELDS);
        if (first) form.setFocus(first);
        setOutcome({ tone: 'danger', text: result.formError ?? 'Please check the highlighted fields.' });
        return;
      }
      setStale(null);
      form.reset(result.data.settings);
      setOutcome({ tone: 'success', text: result.data.changed ? "Saved. Clients' pages use the new wording now." : 'Nothing had changed.' });
    }),
  );

  return (
    <form aria-label="What clients' pages say" className="mt-3 max-w-2xl space-y-5" onSubmit={onSubmit} noValidate>
      <input type="hidden" {...form.register('version', { valueAsNumber: true })} />
      {stale ? (
        <StaleNotice
          title="Wording not saved: it changed elsewhere"
          message={stale.message}
          savedLabel={null}
          keepMineLabel="Keep mine (replace the saved wording)"
          useSavedLabel="Use the saved wording"
          busy={pending}
          onKeepMine={() => void onSubmit()}
          onUseSaved={() => {
            form.reset(stale.saved);
            setStale(null);
            setOutcome(null);
          }}
        >
          <dl className="space-y-1 text-sm" aria-label="The saved wording">
            <div>
              <dt className="inline font-medium">Title: </dt>
              <dd className="inline">{stale.saved.sharedPageTitle}</dd>
            </div>
            <div>
              <dt className="inline font-medium">Crisis line in the US: </dt>
              <dd className="inline">{stale.saved.crisisLineUs || `(default) ${DEFAULT_CRISIS_LINE.us}`}</dd>
            </div>
            <div>
              <dt className="inline font-medium">Crisis line elsewhere: </dt>
              <dd className="inline">{stale.saved.crisisLineElsewhere || `(default) ${DEFAULT_CRISIS_LINE.elsewhere}`}</dd>
            </div>
          </dl>
        </StaleNotice>
      ) : null}
      <TextField
        id="shared-page-title"
        label="Title of private-link pages"
        hint={`What a chat app or a lock screen shows when a client's private link is sent: keep it neutral (no practice name, nothing about therapy). Up to ${MAX_SHARED_PAGE_TITLE} characters.`}
        error={errors.sharedPageTitle?.message}
        maxLength={MAX_SHARED_PAGE_TITLE + 20}
        {...form.register('sharedPageTitle')}
      />
      <TextAreaField
        id="crisis-line-us"
        label="Crisis line for visitors in the US"
        hint={`Shown in the footer when the visitor's time zone is in the US. Numbers and https:// addresses become links. Leave empty for: "${DEFAULT_CRISIS_LINE.us}"`}
        error={errors.crisisLineUs?.message}
        optional
        rows={3}
        maxLength={MAX_CRISIS_LINE + 50}
        {...form.register('crisisLineUs')}
      />
      <TextAreaField
        id="crisis-line-elsewhere"
        label="Crisis line for everyone else"
        hint={`Shown everywhere outside the US (US numbers don't work there). Leave empty for: "${DEFAULT_CRISIS_LINE.elsewhere}"`}
        error={errors.crisisLineElsewhere?.message}
        optional
        rows={3}
        maxLength={MAX_CRISIS_LINE + 50}
        {...form.register('crisisLineElsewhere')}
      />
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : "Save clients' page wording"}
      </Button>
      <ActionOutcome outcome={outcome} title={{ success: 'Wording saved', failure: 'Wording not saved' }} />
    </form>
  );
}
