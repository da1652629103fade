'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { AlertBox } from '@/components/ui/alert-box';
import { Button } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import { TextField } from '@/components/ui/field';
import { twoStepCodeSchema, type TwoStepCodeFormValues, type TwoStepCodeInput } from '@/lib/auth/schemas';
import { confirmTwoStepAction, type ConfirmTwoStepResult } from '../actions';

/** "ABCD EFGH …": easier to read and to type into an app. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

type Done = { recoveryCodes: string[]; href: string };

/**
 * The two steps of setting up an authenticator app, then the recovery codes — shown once, with
 * the setup key gone from the page. "I've saved these" continues to where the person was going.
 */
export function TwoStepSetup({ qrSvg, secret, callbackUrl, className }: { qrSvg: string; secret: string; callbackUrl: string | null; className?: string }) {
  const router = useRouter();
  const [done, setDone] = useState<Done | null>(null);
  const [formError, setFormError] = useState<{ message: string; signIn: boolean } | null>(null);
  const [copied, setCopied] = useState('');
  const [leaving, setLeaving] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const doneHeadingRef = useRef<HTMLHeadingElement>(null);

  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TwoStepCodeFormValues, unknown, TwoStepCodeInput>({ resolver: zodResolver(twoStepCodeSchema), defaultValues: { code: '' } });

  useEffect(() => {
    if (done) doneHeadingRef.current?.focus();
  }, [done]);
  useEffect(() => {
    if (formError) errorRef.current?.focus();
  }, [formError]);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    let result: ConfirmTwoStepResult;
    try {
      result = await confirmTwoStepAction({ secret, code: values.code, callbackUrl });
    } catch {
      setFormError({ message: "We couldn't reach the server. Please check your connection and try again.", signIn: false });
      return;
    }
    if (result.ok) {
      setDone(result.data);
      return;
    }
    const codeError = result.fieldErrors?.code;
    if (codeError) {
      setError('code', { type: 'server', message: codeError }, { shouldFocus: true });
      return;
    }
    setFormError({ message: result.formError ?? 'Something went wrong. Please try again.', signIn: result.code === 'signed_out' });
  });

  if (done) {
    const text = `Haven recovery codes (each works once)\n\n${done.recoveryCodes.join('\n')}\n`;
    return (
      <section aria-labelledby="recovery-heading" className={cx('rounded-2xl border border-line bg-surface p-5 sm:p-6', className)}>
        <h2 id="recovery-heading" ref={doneHeadingRef} tabIndex={-1} className="font-serif text-xl font-semibold text-ink">
          Two-step sign-in is on. Save your recovery codes
        </h2>
        <p className="mt-2 text-ink">
          If you lose your phone, each of these codes signs you in once instead of a code from the app. Keep them somewhere safe
          and private, such as a password manager. <strong className="font-semibold">They won&apos;t be shown again.</strong>
        </p>
        <ul data-testid="recovery-codes" aria-label="Recovery codes" className="mt-5 grid grid-cols-2 gap-x-6 gap-y-2 font-mono text-lg text-ink">
          {done.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <div className="mt-5 flex flex-wrap items-center gap-3">
          <Button
            variant="secondary"
            onClick={() => {
              navigator.clipboard?.writeText(text).then(
                () => setCopied('Recovery codes copied.'),
                () => setCopied("Couldn't copy: please select the codes, or download them."),
              );
            }}
          >
            Copy codes
          </Button>
          <a
            href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
            download="haven-recovery-codes.txt"
            className="inline-flex min-h-11 items-center px-1 text-accent underline underline-offset-4"
          >
            Download as a text file
          </a>
          <p role="status" aria-live="polite" className="text-sm text-ink-muted">
            {copied}
          </p>
        </div>
        <Button
          size="lg"
          className="mt-8 w-full sm:w-auto"
          disabled={leaving}
          onClick={() => {
            setLeaving(true);
            router.replace(done.href);
          }}
        >
          {leaving ? 'Opening your workspace…' : "I've saved these — continue"}
        </Button>
      </section>
    );
  }

  return (
    <ol className={cx('space-y-10', className)}>
      <li>
        <h2 className="font-serif text-xl font-semibold text-ink">1. Add Haven to your authenticator app</h2>
        <div className="mt-4 flex flex-col gap-6 sm:flex-row sm:items-start">
          <div
            role="img"
            aria-label="QR code that adds Haven to an authenticator app"
            data-testid="totp-qr"
            className="size-48 shrink-0 rounded-xl border border-line bg-white p-2 [&>svg]:size-full"
            // Made on the server by the qrcode package from our own otpauth:// URI: no user HTML in it.
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
          <div className="space-y-3 text-ink">
            <p>Scan the QR code with the app&apos;s camera.</p>
            <p>Can&apos;t scan it? Choose &ldquo;enter a setup key&rdquo; in the app and type this key (time-based, 6 digits):</p>
            <p>
              <code
                data-testid="totp-secret"
                className="inline-block rounded-lg border border-line bg-canvas px-3 py-2 font-mono text-lg tracking-wider break-all text-ink"
              >
                {grouped(secret)}
              </code>
            </p>
          </div>
        </div>
      </li>
      <li>
        <h2 className="font-serif text-xl font-semibold text-ink">2. Enter the code it shows</h2>
        <form onSubmit={onSubmit} noValidate className="mt-4 max-w-sm space-y-6">
          {formError ? (
            <AlertBox ref={errorRef} label="Set-up problem" testId="two-step-error">
              {formError.message}{' '}
              {formError.signIn ? (
                <a href="/sign-in" className="font-medium underline underline-offset-4">
                  Sign in again
                </a>
              ) : null}
            </AlertBox>
          ) : null}
          <TextField
            id="code"
            label="6-digit code"
            hint="The code changes every 30 seconds: enter the one showing now."
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={9}
            spellCheck={false}
            error={errors.code?.message}
            {...register('code')}
          />
          <Button type="submit" size="lg" disabled={isSubmitting} aria-disabled={isSubmitting || undefined}>
            {isSubmitting ? 'Checking…' : 'Turn on two-step sign-in'}
          </Button>
        </form>
      </li>
    </ol>
  );
}
