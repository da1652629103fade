'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { signIn, type SignInResponse } from 'next-auth/react';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { AlertBox } from '@/components/ui/alert-box';
import { Button } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import { TextField } from '@/components/ui/field';
import type { SignInFormValues } from '@/lib/auth/schemas';
import { describeSignInError } from '@/lib/auth/sign-in-messages';
import { resolveSignInDestinationAction } from '../actions';

type Step = 'credentials' | 'code';

/** zod is loaded after hydration, not in the first-load bundle (as in the booking form). */
let schemasModule: Promise<typeof import('@/lib/auth/schemas')> | undefined;
const loadSchemas = () => (schemasModule ??= import('@/lib/auth/schemas'));

/** The code is required only on the second step; the step is read when the form is submitted. */
function stepResolver(step: RefObject<Step>): Resolver<SignInFormValues> {
  return async (values, context, options) => {
    const { signInCredentialsSchema, signInWithCodeSchema } = await loadSchemas();
    const schema = step.current === 'code' ? signInWithCodeSchema : signInCredentialsSchema;
    return zodResolver(schema)(values, context, options);
  };
}

const UNREACHABLE = "We couldn't reach the server. Please check your connection and try again: what you typed is still here.";

type FocusTarget = 'error' | 'email' | 'code';

/**
 * Staff sign-in: email and password, then — when the account has two-step sign-in — the code
 * from the authenticator app (or a recovery code), without retyping anything. Messages are the
 * data layer's own (lib/auth/sign-in-messages.ts): one for a wrong email or password alike.
 */
export function SignInForm({ callbackUrl, initialError, className }: { callbackUrl: string | null; initialError: string | null; className?: string }) {
  const router = useRouter();
  const stepRef = useRef<Step>('credentials');
  const [step, setStepState] = useState<Step>('credentials');
  const [resolver] = useState(() => stepResolver(stepRef));
  const [signingInAs, setSigningInAs] = useState('');
  const [formError, setFormError] = useState<string | null>(initialError);
  const [announcement, setAnnouncement] = useState('');
  const [leaving, setLeaving] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  // Focus moves once the next render is committed (the error box or code field may not exist yet).
  const [focusRequest, setFocusRequest] = useState<{ target: FocusTarget } | null>(null);

  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    setValue,
    clearErrors,
    formState: { errors, isSubmitting },
  } = useForm<SignInFormValues>({ resolver, defaultValues: { email: '', password: '', code: '' } });

  useEffect(() => {
    if (!focusRequest) return;
    if (focusRequest.target === 'error') errorRef.current?.focus();
    else setFocus(focusRequest.target, { shouldSelect: true });
  }, [focusRequest, setFocus]);

  useEffect(() => {
    void loadSchemas();
  }, []);

  function setStep(next: Step) {
    stepRef.current = next;
    setStepState(next);
  }

  function showFormError(message: string) {
    setAnnouncement('');
    setFormError(message);
    setFocusRequest({ target: 'error' });
  }

  function changeAccount() {
    setStep('credentials');
    setValue('code', '');
    clearErrors('code');
    setFormError(null);
    setAnnouncement('');
    setFocusRequest({ target: 'email' });
  }

  const onSubmit = handleSubmit(
    async (values) => {
      setFormError(null);
      setAnnouncement('Signing in…');
      const withCode = stepRef.current === 'code';
      let result: SignInResponse | undefined;
      try {
        result = await signIn('credentials', { redirect: false, email: values.email, password: values.password, code: withCode ? values.code : '' });
      } catch {
        result = undefined;
      }
      if (!result) return showFormError(UNREACHABLE);

      if (result.error) {
        const { reason, message } = describeSignInError(result.error);
        if (reason === 'totp_required') {
          // The password was right: keep it, and ask for the code.
          setSigningInAs(values.email);
          setStep('code');
          setFormError(null);
          setAnnouncement(message);
          setFocusRequest({ target: 'code' });
          return;
        }
        if (reason === 'totp_invalid' && withCode) {
          setAnnouncement('');
          setError('code', { type: 'server', message });
          setFocusRequest({ target: 'code' });
          return;
        }
        if (reason === 'invalid' && withCode) setStep('credentials');
        return showFormError(message);
      }

      const destination = await resolveSignInDestinationAction(callbackUrl).catch(() => null);
      if (!destination) return showFormError(UNREACHABLE);
      if (!destination.ok) return showFormError(destination.formError ?? "Sign-in didn't complete. Please try again.");
      setLeaving(true);
      setAnnouncement('Signed in. Opening your workspace…');
      router.replace(destination.data.href);
    },
    (invalid) => {
      const count = Object.keys(invalid).length;
      setFormError(null);
      setAnnouncement(`Please check ${count === 1 ? 'one answer' : `${count} answers`} marked below.`);
    },
  );

  const busy = isSubmitting || leaving;

  return (
    <form onSubmit={onSubmit} noValidate className={cx('space-y-6', className)}>
      {formError ? (
        <AlertBox ref={errorRef} label="Sign-in problem" testId="sign-in-error">
          {formError}
        </AlertBox>
      ) : null}

      {step === 'credentials' ? (
        <>
          <TextField
            id="email"
            label="Email"
            type="email"
            inputMode="email"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            // The page has one purpose: start where the person will type.
            autoFocus
            error={errors.email?.message}
            {...register('email')}
          />
          <TextField id="password" label="Password" type="password" autoComplete="current-password" error={errors.password?.message} {...register('password')} />
        </>
      ) : (
        <>
          <p className="text-ink" data-testid="signing-in-as">
            Signing in as <strong className="font-semibold break-all">{signingInAs}</strong>.{' '}
            <Button variant="quiet" className="min-h-0 p-0 align-baseline" onClick={changeAccount}>
              Use a different account
            </Button>
          </p>
          <TextField
            id="code"
            label="Authentication code"
            hint="The 6-digit code from your authenticator app. Lost your phone? Enter one of your recovery codes instead."
            autoComplete="one-time-code"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            maxLength={32}
            error={errors.code?.message}
            {...register('code')}
          />
        </>
      )}

      <p role="status" aria-live="polite" className="sr-only" data-testid="sign-in-status">
        {announcement}
      </p>

      <Button type="submit" size="lg" disabled={busy} aria-disabled={busy || undefined} className="w-full">
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>

      <p className="text-sm text-ink-muted">
        Forgotten your password, or lost both your phone and your recovery codes? Ask the practice&apos;s administrator to reset
        your sign-in.
      </p>
    </form>
  );
}
