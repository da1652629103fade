'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { ActionOutcome, type Outcome } from '@/components/ui/action-outcome';
import { applyFieldErrors } from '@/components/ui/apply-field-errors';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { videoRoomFormSchema, type VideoRoomFormInput } from '@/lib/practice/video-room-schema';
import { noteStaffActivity } from '../../../_components/session-channel';
import { saveVideoRoomAction } from '../message-actions';

/** The signed-in clinician's own video room link: clients see it on their private page around their video consultation. */
export function VideoRoomForm({ initial }: { initial: string }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<VideoRoomFormInput>({ resolver: zodResolver(videoRoomFormSchema), defaultValues: { videoRoomUrl: initial } });

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setOutcome(null);
      const result = await saveVideoRoomAction(values);
      noteStaffActivity();
      if (!result.ok) {
        const first = applyFieldErrors(result, form.setError, ['videoRoomUrl'] as const);
        if (first) form.setFocus(first);
        setOutcome({ tone: 'danger', text: result.formError ?? 'Please check the link.' });
        return;
      }
      form.reset({ videoRoomUrl: result.data.videoRoomUrl });
      setOutcome({
        tone: 'success',
        text: !result.data.changed
          ? 'Nothing had changed.'
          : result.data.videoRoomUrl
            ? 'Saved. Clients see this link on their private page from 24 hours before a video consultation until it ends.'
            : 'Removed. Clients with a video consultation are told the link is not ready yet.',
      });
    }),
  );

  return (
    <form aria-label="Your video room" className="mt-3 max-w-2xl space-y-5" onSubmit={onSubmit} noValidate>
      <TextField
        id="video-room-url"
        label="Video room link"
        type="url"
        inputMode="url"
        autoComplete="off"
        hint="The https:// address of your own video room (Doxy.me, Zoom, Google Meet…). Shown only on the private page of a client with a confirmed video consultation with you, from 24 hours before it until it ends; never in emails or link previews. Leave empty to remove it."
        error={form.formState.errors.videoRoomUrl?.message}
        optional
        {...form.register('videoRoomUrl')}
      />
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save video room link'}
      </Button>
      <ActionOutcome outcome={outcome} title={{ success: 'Video room saved', failure: 'Video room not saved' }} />
    </form>
  );
}
