'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { ActionOutcome, type Outcome } from '@/components/ui/action-outcome';
import { applyFieldErrors } from '@/components/ui/apply-field-errors';
import { Button } from '@/components/ui/button';
import { RadioGroup, TextField } from '@/components/ui/field';
import {
  MAX_SENDER_NAME,
  REMINDER_CHOICES,
  messageSettingsFormSchema,
  type MessageSettingsFormInput,
  type MessageSettingsFormValues,
} from '@/lib/practice/message-settings-schema';
import { noteStaffActivity } from '../../../_components/session-channel';
import { StaleNotice } from '../../../_components/stale-notice';
import { saveMessageSettingsAction } from '../message-actions';

const FIELDS = ['emailSenderName', 'reminderHoursBefore'] as const;

type Saved = MessageSettingsFormInput & { sharedPageTitle: string };

function reminderLabel(hours: number): string {
  if (hours === 0) return 'No reminders';
  return hours === 1 ? '1 hour before' : `${hours} hours before`;
}

/** A stale save's `data`: the settings as saved now (lib/staff/message-settings.ts). */
function asSaved(result: { code?: string; data?: unknown }): Saved | null {
  if (result.code !== 'stale' || !result.data || typeof result.data !== 'object') return null;
  const parsed = messageSettingsFormSchema.safeParse(result.data);
  const word = (result.data as { sharedPageTitle?: unknown }).sharedPageTitle;
  return parsed.success && typeof word === 'string' ? { ...parsed.data, sharedPageTitle: word } : null;
}

/**
 * How the practice's emails read and when reminders go. Saved under the practice settings' edit
 * version (shared with the sign-in rule): when only the version moved (the sign-in rule was saved
 * in between) and these fields are as this page loaded them, the save is simply repeated on the new
 * version; when someone changed these fields, both versions are shown.
 */
export function MessageSettingsForm({ initial }: { initial: Saved }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [stale, setStale] = useState<{ message: string; saved: Saved } | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const loaded = useRef({ emailSenderName: initial.emailSenderName, reminderHoursBefore: initial.reminderHoursBefore });
  const form = useForm<MessageSettingsFormValues, unknown, MessageSettingsFormInput>({
    resolver: zodResolver(messageSettingsFormSchema),
    defaultValues: { emailSenderName: initial.emailSenderName, reminderHoursBefore: String(initial.reminderHoursBefore), version: initial.version },
  });
  const errors = form.formState.errors;
  const choices = (REMINDER_CHOICES as readonly number[]).includes(initial.reminderHoursBefore)
    ? REMINDER_CHOICES
    : [...REMINDER_CHOICES, initial.reminderHoursBefore].sort((a, b) => a - b);

  const save = (values: MessageSettingsFormInput) =>
    startTransition(async () => {
      setOutcome(null);
      let result = await saveMessageSettingsAction(values);
      let saved = result.ok ? null : asSaved(result);
      if (saved && saved.emailSenderName === loaded.current.emailSenderName && saved.reminderHoursBefore === loaded.current.reminderHoursBefore) {
        // Only another practice setting was saved in between: nothing of these fields to weigh.
        result = await saveMessageSettingsAction({ ...values, version: saved.version });
        saved = result.ok ? null : asSaved(result);
      }
      noteStaffActivity();
      if (!result.ok) {
        if (saved) {
          form.setValue('version', saved.version);
          loaded.current = { emailSenderName: saved.emailSenderName, reminderHoursBefore: saved.reminderHoursBefore };
          setStale({ message: result.formError ?? 'The practice’s settings changed after you opened this page. Nothing was saved.', saved });
          return;
        }
        const first = applyFieldErrors(result, form.setError, FIELDS);
        if (first) form.setFocus(first);
        setOutcome({ tone: 'danger', text: result.formError ?? 'Please check the highlighted fields.' });
        return;
      }
      setStale(null);
      // The sign-in rule's form on this page shares the version: it reloads with the new one.
      if (result.data.changed) router.refresh();
      const s = result.data.settings;
      loaded.current = { emailSenderName: s.emailSenderName, reminderHoursBefore: s.reminderHoursBefore };
      form.reset({ emailSenderName: s.emailSenderName, reminderHoursBefore: String(s.reminderHoursBefore), version: s.version });
      setOutcome({
        tone: 'success',
        text: result.data.changed ? 'Saved. New messages use these settings; reminders follow them for bookings made or changed from now on.' : 'Nothing had changed.',
      });
    });
  const onSubmit = form.handleSubmit(save);

  return (
    <form aria-label="Emails to clients" className="mt-3 max-w-2xl space-y-5" onSubmit={onSubmit} noValidate>
      <input type="hidden" {...form.register('version', { valueAsNumber: true })} />
      {stale ? (
        <StaleNotice
          title="Email settings not saved: they changed elsewhere"
          message={stale.message}
          savedLabel={null}
          keepMineLabel="Keep mine (replace the saved settings)"
          useSavedLabel="Use the saved settings"
          busy={pending}
          onKeepMine={() => void onSubmit()}
          onUseSaved={() => {
            form.reset({ emailSenderName: stale.saved.emailSenderName, reminderHoursBefore: String(stale.saved.reminderHoursBefore), version: stale.saved.version });
            setStale(null);
            setOutcome(null);
          }}
        >
          <dl className="space-y-1 text-sm" aria-label="The saved settings">
            <div>
              <dt className="inline font-medium">Sender name: </dt>
              <dd className="inline">{stale.saved.emailSenderName}</dd>
            </div>
            <div>
              <dt className="inline font-medium">Reminders: </dt>
              <dd className="inline">{reminderLabel(stale.saved.reminderHoursBefore)}</dd>
            </div>
          </dl>
        </StaleNotice>
      ) : null}
      <TextField
        id="email-sender-name"
        label="Sender name"
        hint={`What inboxes and lock screens show beside every email, sometimes to people sharing the client's phone or account. Keep it neutral: no "therapy", "counselling", "couples" or your specialty. Default: "Appointments". Up to ${MAX_SENDER_NAME} characters.`}
        error={errors.emailSenderName?.message}
        maxLength={MAX_SENDER_NAME + 20}
        {...form.register('emailSenderName')}
      />
      <p className="text-sm text-ink" data-testid="subject-word">
        Subjects use your word for a consultation, “{initial.sharedPageTitle}” (for example “Your {initial.sharedPageTitle.toLowerCase()} is confirmed”). Change it under
        “What clients’ pages say” below.
      </p>
      <RadioGroup
        id="reminder-hours"
        legend="Reminder email"
        hint="Sent to each person booked (a couple's partner too), unless the client asked not to be emailed."
        error={errors.reminderHoursBefore?.message}
        options={choices.map((hours) => ({ value: String(hours), label: reminderLabel(hours) }))}
        inputProps={form.register('reminderHoursBefore')}
      />
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save email settings'}
      </Button>
      <ActionOutcome outcome={outcome} title={{ success: 'Email settings saved', failure: 'Email settings not saved' }} />
    </form>
  );
}
