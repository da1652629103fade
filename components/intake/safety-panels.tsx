'use client';

import { useDetectedTimeZone } from '@/components/booking/use-client-time-zone';
import { HELPLINE_DIRECTORY_URL, crisisRegionOf } from '@/lib/practice/crisis-line';
import type { SafetyFlag } from '@/lib/intake/types';

const link = 'font-semibold text-accent underline underline-offset-4';

/**
 * Help for someone whose answer says they may be at risk (PHQ-9 item 9 above 0): shown at once,
 * in the page (not a dialog: the form stays as it was), with the lines for where they are — the
 * browser's zone decides, as in the footer — and the plain fact that nobody reads the form live.
 */
export function CrisisPanel({ className }: { className?: string }) {
  const region = crisisRegionOf(useDetectedTimeZone());
  return (
    <section aria-labelledby="crisis-panel-title" data-testid="crisis-panel" data-region={region} className={`rounded-2xl border-2 border-accent/40 bg-accent-soft p-5 sm:p-6 ${className ?? ''}`}>
      <h2 id="crisis-panel-title" className="font-serif text-xl font-semibold text-ink">
        You don&apos;t have to carry this alone
      </h2>
      <p className="mt-2 text-ink">Thank you for telling us. If you are thinking about ending your life or harming yourself, please reach out now:</p>
      {region === 'us' ? (
        <ul className="mt-3 space-y-2 text-ink">
          <li>
            <strong>988 Suicide &amp; Crisis Lifeline</strong>, any time, free and confidential:{' '}
            <a href="tel:988" className={link}>
              call 988
            </a>{' '}
            or{' '}
            <a href="sms:988" className={link}>
              text 988
            </a>
            .
          </li>
          <li>
            If you are in danger now,{' '}
            <a href="tel:911" className={link}>
              call 911
            </a>
            .
          </li>
          <li className="text-sm text-ink-muted">
            Outside the US? Call your local emergency number, or find a helpline at{' '}
            <a href={HELPLINE_DIRECTORY_URL} target="_blank" rel="noopener noreferrer" className="text-accent underline underline-offset-4">
              findahelpline.com
            </a>
            .
          </li>
        </ul>
      ) : (
        <ul className="mt-3 space-y-2 text-ink">
          <li>
            If you are in danger now, <strong>call your local emergency number</strong>.
          </li>
          <li>
            Find a free, confidential helpline in your country at{' '}
            <a href={HELPLINE_DIRECTORY_URL} target="_blank" rel="noopener noreferrer" className={link}>
              findahelpline.com
            </a>
            .
          </li>
          <li className="text-sm text-ink-muted">
            In the US, call or text{' '}
            <a href="tel:988" className="text-accent underline underline-offset-4">
              988
            </a>{' '}
            (Suicide &amp; Crisis Lifeline), or call{' '}
            <a href="tel:911" className="text-accent underline underline-offset-4">
              911
            </a>
            .
          </li>
        </ul>
      )}
      <p className="mt-3 text-ink">
        <strong>This form is not watched in real time.</strong> Your clinician will read your answers before you meet, not straight
        away, so please don&apos;t wait for them to get in touch. Your answers so far are kept, and you can carry on whenever you&apos;re ready.
      </p>
    </section>
  );
}

/**
 * For a partner who said they sometimes feel afraid of their partner: shown to them alone, worded
 * so that a glance at the screen gives little away.
 */
export function PartnerSupportPanel({ className }: { className?: string }) {
  return (
    <section aria-labelledby="support-panel-title" data-testid="support-panel" className={`rounded-2xl border border-line-strong bg-surface p-5 sm:p-6 ${className ?? ''}`}>
      <h2 id="support-panel-title" className="font-serif text-lg font-semibold text-ink">
        Support, whenever you want it
      </h2>
      <p className="mt-2 text-ink">
        You can talk in confidence, any time, with the National Domestic Violence Hotline:{' '}
        <a href="tel:18007997233" className={link}>
          call 1-800-799-7233
        </a>{' '}
        or{' '}
        <a href="sms:88788?&body=START" className={link}>
          text START to 88788
        </a>
        .
      </p>
      <p className="mt-2 text-sm text-ink-muted">
        Your partner will not see this or your answer; your clinician will, before you meet. This form is not watched in real time: if you are in danger now, call 911 or your local emergency number. &ldquo;Leave quickly&rdquo; at
        the top closes this page at once.
      </p>
    </section>
  );
}

export function SafetyPanel({ flag, className }: { flag: SafetyFlag; className?: string }) {
  return flag === 'self_harm' ? <CrisisPanel className={className} /> : <PartnerSupportPanel className={className} />;
}
