'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import type { PracticeAddress, PublicConsultationType, SlotOption } from '@/lib/bookings/dto';
import { NAME_MAX, NOTE_MAX } from '@/lib/bookings/limits';
import type { BookingDetailsFormValues, BookingDetailsInput } from '@/lib/bookings/schemas';
import { formatLongDate, formatShortDate, formatTime, zoneLabel } from '@/components/booking/format';
import { newUuid } from '@/components/booking/new-uuid';
import { WhenWhere } from '@/components/booking/when-where';
import { useLocale } from '@/components/locale/locale-context';
import { AlertBox } from '@/components/ui/alert-box';
import { Button } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import { CheckboxField, RadioGroup, TextAreaField, TextField } from '@/components/ui/field';
import { bookConsultationAction, type BookConsultationFailure } from '../actions';

/** Fields a person can see and fix; server errors on any other path concern the chosen time. */
const VISIBLE_FIELDS = [
  'name',
  'email',
  'phone',
  'preferredChannel',
  'okToLeaveVoicemail',
  'okToText',
  'okToEmail',
  'partnerName',
  'partnerEmail',
  'note',
  'consent',
] as const;
type VisibleField = (typeof VISIBLE_FIELDS)[number];

/**
 * The booking schema (lib/bookings/schemas, the same one the server action and the command use)
 * is loaded right after hydration instead of in the first-load bundle: zod is about a third of
 * the page's own JavaScript, and nothing needs it before the first submit.
 */
let schemasModule: Promise<typeof import('@/lib/bookings/schemas')> | undefined;
const loadSchemas = () => (schemasModule ??= import('@/lib/bookings/schemas'));

function lazyZodResolver(couple: boolean): Resolver<BookingDetailsFormValues, unknown, BookingDetailsInput> {
  let resolver: Resolver<BookingDetailsFormValues, unknown, BookingDetailsInput> | undefined;
  return async (values, context, options) => {
    if (!resolver) {
      const { makeBookingDetailsSchema } = await loadSchemas();
      resolver = zodResolver(makeBookingDetailsSchema({ couple }));
    }
    return resolver(values, context, options);
  };
}

const isVisibleField = (key: string): key is VisibleField => (VISIBLE_FIELDS as readonly string[]).includes(key);

const CHANNEL_OPTIONS = [
  { value: 'email', label: 'Email' },
  { value: 'phone', label: 'Phone call' },
  { value: 'text', label: 'Text message' },
] as const;

type Props = {
  type: PublicConsultationType;
  practice: { name: string; timeZone: string; phone: string; address: PracticeAddress };
  initial: { startsAt: string; clinicianId: string; clientTimeZone: string };
  /** Set when the chosen time was gone by the time this page loaded. */
  initialAlternatives: SlotOption[] | null;
  className?: string;
};

export function DetailsForm({ type, practice, initial, initialAlternatives, className }: Props) {
  const couple = type.audience === 'couple';
  const resolver = useMemo(() => lazyZodResolver(couple), [couple]);
  useEffect(() => {
    void loadSchemas();
  }, []);
  // One key per form: a double submit or a retry after a dropped connection books once.
  const [idempotencyKey] = useState(newUuid);
  const [chosen, setChosen] = useState({ startsAt: initial.startsAt, clinicianId: initial.clinicianId });
  const [alternatives, setAlternatives] = useState<{ title: string; options: SlotOption[] } | null>(
    initialAlternatives
      ? { title: 'That time is no longer available — here are the nearest free times', options: initialAlternatives }
      : null,
  );
  const [formError, setFormError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const alternativesRef = useRef<HTMLDivElement>(null);
  const formErrorRef = useRef<HTMLDivElement>(null);
  // Where focus goes once the next render is committed: the alert or error box may not exist yet
  // when it is asked for (a requestAnimationFrame could run first and find the ref still null).
  const [focusRequest, setFocusRequest] = useState<{ ref: RefObject<HTMLElement | null> } | null>(null);
  useEffect(() => {
    focusRequest?.ref.current?.focus();
  }, [focusRequest]);

  const {
    register,
    handleSubmit,
    setError,
    setValue,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<BookingDetailsFormValues, unknown, BookingDetailsInput>({
    resolver,
    defaultValues: {
      typeSlug: type.slug,
      startsAt: initial.startsAt,
      clinicianId: initial.clinicianId,
      clientTimeZone: initial.clientTimeZone,
      idempotencyKey,
      name: '',
      email: '',
      phone: '',
      preferredChannel: 'email',
      okToLeaveVoicemail: false,
      okToText: false,
      okToEmail: true,
      partnerName: '',
      partnerEmail: '',
      note: '',
      // `consent` is left out: the box starts unticked and the schema requires `true`.
      website: '',
    },
  });

  // What is typed in the limited fields, for their counters ("812 of 1,000").
  const [nameNow, partnerNameNow, noteNow] = watch(['name', 'partnerName', 'note']);
  const startMs = Date.parse(chosen.startsAt);
  const endMs = startMs + type.durationMinutes * 60_000;
  const tz = initial.clientTimeZone;
  const locale = useLocale();
  const isRequest = type.bookingMode === 'request';

  function chooseAlternative(option: SlotOption) {
    setChosen(option);
    setValue('startsAt', option.startsAt);
    setValue('clinicianId', option.clinicianId);
    setAlternatives(null);
    setFormError(null);
    const ms = Date.parse(option.startsAt);
    setAnnouncement(
      `Time changed to ${formatLongDate(ms, tz, locale)} at ${formatTime(ms, tz, locale)}. Your details are kept: press ${isRequest ? 'Request consultation' : 'Book consultation'} to finish.`,
    );
    setFocusRequest({ ref: summaryRef });
  }

  function applyFailure(result: BookConsultationFailure) {
    if (result.code === 'slot_taken') {
      // Taken in our words; too soon, too far ahead or a full day in the server's, which say so.
      const title = result.why && result.why !== 'not_open' && result.formError ? result.formError : 'That time was just taken — here are the nearest free times';
      setAlternatives({ title, options: result.alternatives ?? [] });
      setAnnouncement('');
      setFocusRequest({ ref: alternativesRef });
      return;
    }
    const fieldErrors = Object.entries(result.fieldErrors ?? {});
    const visible = fieldErrors.filter(([key]) => isVisibleField(key));
    visible.forEach(([key, message], index) => {
      setError(key as VisibleField, { type: 'server', message }, { shouldFocus: index === 0 });
    });
    const aboutTime = fieldErrors.some(([key]) => !isVisibleField(key));
    setFormError(
      aboutTime
        ? 'Something about the chosen time was not accepted. Please choose the time again.'
        : (result.formError ?? 'Please check the highlighted answers.'),
    );
    if (!visible.length) setFocusRequest({ ref: formErrorRef });
  }

  const onSubmit = handleSubmit(
    async (values) => {
      setFormError(null);
      setAnnouncement(isRequest ? 'Sending your request…' : 'Booking your consultation…');
      let result: BookConsultationFailure | undefined;
      try {
        result = await bookConsultationAction(values, { couple });
      } catch (err) {
        // A redirect after success is not a failure: let Next handle it.
        if (typeof (err as { digest?: unknown })?.digest === 'string' && (err as { digest: string }).digest.startsWith('NEXT_')) throw err;
        setAnnouncement('');
        setFormError("We couldn't reach the practice's server. Your details are still here: please check your connection and try again.");
        setFocusRequest({ ref: formErrorRef });
        return;
      }
      if (result) {
        setAnnouncement('');
        applyFailure(result);
      }
    },
    (invalid) => {
      const count = Object.keys(invalid).length;
      setFormError(null);
      setAnnouncement(`Please check ${count === 1 ? 'one answer' : `${count} answers`} marked below.`);
    },
  );

  return (
    <form onSubmit={onSubmit} noValidate className={cx('space-y-10', className)}>
      <section aria-labelledby="summary-heading" className="rounded-2xl border border-line bg-surface p-5 sm:p-6">
        <h2 id="summary-heading" ref={summaryRef} tabIndex={-1} className="font-serif text-xl font-semibold text-ink">
          Your consultation
        </h2>
        <div className="mt-4" data-testid="booking-summary">
          <WhenWhere
            startMs={startMs}
            endMs={endMs}
            clientTimeZone={tz}
            practiceTimeZone={practice.timeZone}
            modality={type.modality}
            address={practice.address}
          />
        </div>
      </section>

      {alternatives ? (
        <AlertBox ref={alternativesRef} tone="warning" label="Time no longer available" testId="slot-taken">
          <p className="font-semibold text-ink">{alternatives.title}</p>
          {alternatives.options.length ? (
            <>
              <p className="mt-1 text-ink">Choosing one keeps everything you&apos;ve typed.</p>
              <ul className="mt-4 grid gap-2 sm:grid-cols-2">
                {alternatives.options.map((option) => {
                  const ms = Date.parse(option.startsAt);
                  return (
                    <li key={`${option.startsAt}-${option.clinicianId}`}>
                      <Button variant="secondary" className="w-full" onClick={() => chooseAlternative(option)}>
                        {formatShortDate(ms, tz, locale)} at {formatTime(ms, tz, locale)}
                      </Button>
                    </li>
                  );
                })}
              </ul>
            </>
          ) : (
            <p className="mt-1 text-ink">
              There are no free times close to it.{' '}
              <a href={`/book/${type.slug}?tz=${encodeURIComponent(tz)}`} className="text-accent underline underline-offset-4">
                Choose another time
              </a>
              {practice.phone ? ` or call ${practice.phone}.` : '.'}
            </p>
          )}
          <p className="mt-3 text-sm text-ink-muted">Times are shown for {zoneLabel(tz)}.</p>
        </AlertBox>
      ) : null}

      <fieldset className="space-y-6">
        <legend className="font-serif text-xl font-semibold text-ink">About you</legend>
        <TextField
          id="name"
          label="Your name"
          hint="The name you'd like us to use."
          autoComplete="name"
          limit={{ max: NAME_MAX, value: nameNow ?? '' }}
          error={errors.name?.message}
          {...register('name')}
        />
        <TextField id="email" label="Your email" type="email" autoComplete="email" inputMode="email" error={errors.email?.message} {...register('email')} />
        <TextField id="phone" label="Your phone number" type="tel" autoComplete="tel" inputMode="tel" error={errors.phone?.message} {...register('phone')} />
      </fieldset>

      <fieldset className="space-y-6">
        <legend className="font-serif text-xl font-semibold text-ink">How we may contact you</legend>
        <RadioGroup
          id="preferredChannel"
          legend="How would you like us to reach you?"
          options={CHANNEL_OPTIONS}
          error={errors.preferredChannel?.message}
          inputProps={register('preferredChannel', {
            onChange: (e: { target: { value: string } }) => {
              if (e.target.value === 'text') setValue('okToText', true);
              if (e.target.value === 'email') setValue('okToEmail', true);
            },
          })}
        />
        <fieldset>
          <legend className="font-medium text-ink">It&apos;s OK to…</legend>
          <p className="mt-0.5 text-sm text-ink-muted">We only contact you in the ways you allow, and keep messages brief and discreet.</p>
          <div className="mt-3 space-y-3">
            <CheckboxField id="okToLeaveVoicemail" label="leave me a voicemail" error={errors.okToLeaveVoicemail?.message} {...register('okToLeaveVoicemail')} />
            <CheckboxField id="okToText" label="send me text messages" error={errors.okToText?.message} {...register('okToText')} />
            <CheckboxField id="okToEmail" label="send me email" error={errors.okToEmail?.message} {...register('okToEmail')} />
          </div>
        </fieldset>
      </fieldset>

      {couple ? (
        <fieldset className="space-y-6">
          <legend className="font-serif text-xl font-semibold text-ink">Your partner</legend>
          <p className="-mt-3 text-ink-muted">Your partner gets their own private link to this consultation.</p>
          <TextField
            id="partnerName"
            label="Partner's name"
            autoComplete="off"
            limit={{ max: NAME_MAX, value: partnerNameNow ?? '' }}
            error={errors.partnerName?.message}
            {...register('partnerName')}
          />
          <TextField
            id="partnerEmail"
            label="Partner's email"
            type="email"
            inputMode="email"
            autoComplete="off"
            error={errors.partnerEmail?.message}
            {...register('partnerEmail')}
          />
        </fieldset>
      ) : null}

      <TextAreaField
        id="note"
        label="What brings you"
        optional
        hint="A sentence or two is plenty, or leave it blank. Only your clinician reads this."
        limit={{ max: NOTE_MAX, value: noteNow ?? '' }}
        rows={4}
        error={errors.note?.message}
        {...register('note')}
      />

      {/* Honeypot: hidden from people and assistive tech; bots fill it in. */}
      <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
        <label htmlFor="website">Website</label>
        <input id="website" type="text" tabIndex={-1} autoComplete="off" {...register('website')} />
      </div>

      <div className="space-y-6 border-t border-line pt-8">
        <CheckboxField
          id="consent"
          label={`I agree that ${practice.name} may contact me about this consultation in the ways I've allowed above.`}
          error={errors.consent?.message}
          {...register('consent')}
        />
        <p id="booking-privacy" className="text-sm text-ink-muted">
          What you share is private. Your details are used only to arrange this consultation.
        </p>

        {formError ? (
          <AlertBox ref={formErrorRef} label="Booking problem" testId="form-error">
            {formError}
          </AlertBox>
        ) : null}
        <p role="status" aria-live="polite" className="text-ink-muted empty:hidden" data-testid="form-status">
          {announcement}
        </p>

        <Button type="submit" size="lg" disabled={isSubmitting} aria-disabled={isSubmitting || undefined} className="w-full sm:w-auto">
          {isSubmitting ? (isRequest ? 'Sending request…' : 'Booking…') : isRequest ? 'Request consultation' : 'Book consultation'}
        </Button>
        {isRequest ? (
          <p className="text-sm text-ink-muted">The practice will confirm your request within one business day.</p>
        ) : null}
      </div>
    </form>
  );
}
