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
  clientPageSettingsSchema,
  type ClientPageSettingsFormValues,
  type ClientPageSettingsInput,
} from '@/lib/practice/client-pages-schema';
import { noteStaffActivity } from '../../../_components/session-channel';
import { saveClientPageSettingsAction } from '../client-pages-actions';

const FIELDS = ['sharedPageTitle', 'crisisLineUs', 'crisisLineElsewhere'] as const;

/** What clients' pages say: the neutral title link previews show, and the footer's crisis lines. */
export function ClientPagesForm({ initial }: { initial: ClientPageSettingsInput }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<ClientPageSettingsFormValues, unknown, ClientPageSettingsInput>({
    resolver: zodResolver(clientPageSettingsSchema),
    defaultValues: initial,
  });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setOutcome(null);
      const result = await saveClientPageSettingsAction(values);
      noteStaffActivity();
      if (!result.ok) {
        const first = applyFieldErrors(result, form.setError, FIELDS);
        if (first) form.setFocus(first);
        setOutcome({ tone: 'danger', text: result.formError ?? 'Please check the highlighted fields.' });
        return;
      }
      form.reset(result.data.settings);
      setOutcome({ tone: 'success', text: result.data.changed ? "Saved. Clients' pages use the new wording now." : 'Nothing had changed.' });
    }),
  );

  return (
    <form aria-label="What clients' pages say" className="mt-3 max-w-2xl space-y-5" onSubmit={onSubmit} noValidate>
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
