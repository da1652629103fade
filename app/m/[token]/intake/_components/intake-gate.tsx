'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { LeaveQuickly } from '@/components/intake/leave-quickly';
import { AlertBox } from '@/components/ui/alert-box';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { requestIntakeCodeAction, verifyIntakeCodeAction } from '../actions';
import { intakeCodeSchema, type IntakeCodeFormValues, type IntakeCodeInput } from '../_lib/code-schema';

const OFFLINE = "We couldn't reach the server. Please check your connection and try again.";

/**
 * The first visit on a device: a 6-digit code emailed to the link holder's own address. Until it
 * is typed, this page shows no answer at all. On success the server sets the device cookie and
 * the page reloads its data (router.refresh) to show the form.
 */
export function IntakeGate({ token, maskedEmail, phone }: { token: string; maskedEmail: string | null; phone: string | null }) {
  const router = useRouter();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [requesting, setRequesting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const problemRef = useRef<HTMLDivElement>(null);
  const sentRef = useRef<HTMLParagraphElement>(null);

  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<IntakeCodeFormValues, unknown, IntakeCodeInput>({ resolver: zodResolver(intakeCodeSchema), defaultValues: { code: '' } });

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);
  useEffect(() => {
    if (sentTo) setFocus('code');
  }, [sentTo, setFocus]);

  const sendCode = async () => {
    setProblem(null);
    setRequesting(true);
    try {
      const result = await requestIntakeCodeAction(token);
      if (result.ok) setSentTo(result.data.maskedEmail);
      else setProblem(result.formError ?? OFFLINE);
    } catch {
      setProblem(OFFLINE);
    } finally {
      setRequesting(false);
    }
  };

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    let result: Awaited<ReturnType<typeof verifyIntakeCodeAction>>;
    try {
      result = await verifyIntakeCodeAction(token, values);
    } catch {
      setProblem(OFFLINE);
      return;
    }
    if (result.ok) {
      setOpening(true);
      router.refresh();
      return;
    }
    if (result.fieldErrors?.code) setError('code', { type: 'server', message: result.fieldErrors.code }, { shouldFocus: true });
    else setProblem(result.formError ?? OFFLINE);
  });

  const leaveUrl = `/m/${token}/intake/leave`;
  const call = phone ? (
    <a href={`tel:${phone.replace(/[^\d+]/g, '')}`} className="font-medium text-accent underline underline-offset-4">
      {phone}
    </a>
  ) : (
    'the practice'
  );

  return (
    <div className="space-y-8">
      <div className="flex justify-end">
        <LeaveQuickly leaveUrl={leaveUrl} />
      </div>
      <header>
        <h1 className="font-serif text-3xl font-semibold text-ink sm:text-4xl">Your questions before you meet</h1>
        <p className="mt-3 text-lg text-ink-muted">
          Your clinician asks a few questions before the first meeting, so that your time together is spent on what matters to you.
          Your answers are saved as you go and only your clinician reads them.
        </p>
      </header>

      {maskedEmail === null ? (
        <AlertBox label="We can't send a code" testId="gate-no-email" tone="warning">
          <p className="text-ink">
            To keep your answers private, this page asks for a code that we email to you — but we don&apos;t have an email address for you. Please call {call} and
            they&apos;ll help.
          </p>
        </AlertBox>
      ) : (
        <section aria-labelledby="gate-heading" className="rounded-2xl border border-line bg-surface p-5 sm:p-6">
          <h2 id="gate-heading" className="font-serif text-xl font-semibold text-ink">
            First, a quick check that it&apos;s you
          </h2>
          {sentTo === null ? (
            <>
              <p className="mt-2 text-ink">
                To keep your answers private, we&apos;ll email a 6-digit code to <strong data-testid="masked-email">{maskedEmail}</strong>. This device is then
                remembered for your questions until your consultation has passed.
              </p>
              <Button className="mt-5" size="lg" onClick={sendCode} disabled={requesting}>
                {requesting ? 'Sending the code…' : 'Email me a code'}
              </Button>
            </>
          ) : (
            <form noValidate onSubmit={onSubmit} className="mt-2 space-y-5">
              <p ref={sentRef} role="status" className="text-ink" data-testid="code-sent">
                We&apos;ve emailed a 6-digit code to <strong>{sentTo}</strong>. It works for 10 minutes.
              </p>
              <TextField
                id="intake-code"
                label="6-digit code"
                hint="From the email we just sent. It may take a minute to arrive; check your spam folder too."
                autoComplete="one-time-code"
                inputMode="numeric"
                spellCheck={false}
                className="max-w-xs"
                error={errors.code?.message}
                {...register('code')}
              />
              <div className="flex flex-wrap items-center gap-4">
                <Button type="submit" size="lg" disabled={isSubmitting || opening}>
                  {opening ? 'Opening your questions…' : isSubmitting ? 'Checking…' : 'Continue'}
                </Button>
                <Button variant="quiet" onClick={sendCode} disabled={requesting}>
                  {requesting ? 'Sending…' : 'Send a new code'}
                </Button>
              </div>
            </form>
          )}
        </section>
      )}

      {problem ? (
        <AlertBox ref={problemRef} label="Code problem" testId="gate-problem">
          {problem}
        </AlertBox>
      ) : null}

      <p>
        <a href={`/m/${token}`} className="inline-flex min-h-11 items-center text-accent underline underline-offset-4">
          <span aria-hidden="true">←&nbsp;</span>Back to your consultation
        </a>
      </p>
    </div>
  );
}
