import type { PublicPractice } from '@/lib/bookings/dto';
import { ButtonLink } from '@/components/ui/button';
import { loadPractice } from '../_lib/practice';
import { ConsultationTypeCard } from './_components/consultation-type-card';

export const dynamic = 'force-dynamic';

/** "individual adults and couples, in person in New York and by video", from the active types. */
function whoAndHow(practice: PublicPractice): { who: string; how: string } {
  const types = practice.consultationTypes;
  const audiences = new Set(types.map((t) => t.audience));
  const modalities = new Set(types.map((t) => t.modality));
  const who = [audiences.has('individual') && 'individual adults', audiences.has('couple') && 'couples'].filter(Boolean);
  const how = [
    modalities.has('in_person') && `in person${practice.address.city ? ` in ${practice.address.city}` : ''}`,
    modalities.has('video') && 'by video',
    modalities.has('phone') && 'by phone',
  ].filter(Boolean);
  const join = (list: Array<string | false>) =>
    list.length <= 1 ? String(list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${String(list[list.length - 1])}`;
  return { who: join(who) || 'adults', how: join(how) };
}

export default async function PracticePage() {
  const practice = await loadPractice();
  const { who, how } = whoAndHow(practice);
  const types = practice.consultationTypes;
  const only = types.length === 1 ? types[0] : undefined;

  return (
    <>
      <section aria-labelledby="intro-heading" className="bg-gradient-to-b from-surface to-canvas">
        <div className="mx-auto max-w-5xl px-5 pt-12 pb-14 sm:px-8 sm:pt-20 sm:pb-20">
          <h1 id="intro-heading" className="max-w-3xl font-serif text-4xl leading-tight font-semibold text-ink sm:text-5xl">
            {practice.tagline || practice.name}
          </h1>
          <p className="mt-5 max-w-2xl text-lg text-ink-muted sm:text-xl">
            {practice.name} works with {who}
            {how ? `, ${how}` : ''}. A first consultation is a short, unhurried conversation to see whether we&apos;re a
            good fit. There is no pressure to continue.
          </p>
          <div className="mt-8 flex flex-col items-start gap-4 sm:flex-row sm:items-center">
            <ButtonLink href={only ? `/book/${only.slug}` : '#consultations'} size="lg">
              Book a consultation
            </ButtonLink>
            <p className="flex items-center gap-2 text-ink-muted">
              <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5 shrink-0 fill-accent">
                <path d="M10 1.5 3.5 4v5.2c0 4 2.8 7.7 6.5 8.8 3.7-1.1 6.5-4.8 6.5-8.8V4L10 1.5Zm0 2.1 4.5 1.8v3.8c0 3-2 5.8-4.5 6.7-2.5-.9-4.5-3.7-4.5-6.7V5.4L10 3.6Z" />
              </svg>
              What you share is private.
            </p>
          </div>
        </div>
      </section>

      <div className="mx-auto max-w-5xl space-y-16 px-5 sm:px-8">
        {practice.about ? (
          <section aria-labelledby="about-heading" className="max-w-3xl">
            <h2 id="about-heading" className="font-serif text-2xl font-semibold text-ink">
              About the practice
            </h2>
            {practice.about.split(/\n{2,}/).map((paragraph, i) => (
              <p key={i} className="mt-4 text-lg text-ink-muted">
                {paragraph}
              </p>
            ))}
          </section>
        ) : null}

        {practice.clinicians.length ? (
          <section aria-labelledby="clinicians-heading">
            <h2 id="clinicians-heading" className="font-serif text-2xl font-semibold text-ink">
              {practice.clinicians.length === 1 ? 'Your clinician' : 'Our clinicians'}
            </h2>
            <ul className="mt-6 grid gap-6 sm:grid-cols-2">
              {practice.clinicians.map((c) => (
                <li key={c.displayName} className="rounded-2xl border border-line bg-surface p-6">
                  <p className="font-serif text-xl font-semibold text-ink">
                    {c.displayName}
                  </p>
                  {c.credentials ? <p className="text-ink-muted">{c.credentials}</p> : null}
                  {c.pronouns ? <p className="text-sm text-ink-muted">Pronouns: {c.pronouns}</p> : null}
                  {c.bio ? <p className="mt-3 text-ink-muted">{c.bio}</p> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section id="consultations" aria-labelledby="consultations-heading" className="scroll-mt-6">
          <h2 id="consultations-heading" className="font-serif text-2xl font-semibold text-ink">
            Choose a consultation
          </h2>
          {types.length ? (
            <ul className="mt-6 grid gap-6 md:grid-cols-2">
              {types.map((type) => (
                <li key={type.slug} className="flex">
                  <ConsultationTypeCard type={type} city={practice.address.city} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-4 text-lg text-ink-muted">
              Online booking isn&apos;t open right now. Please call {practice.phone || 'the practice'} to arrange a
              consultation.
            </p>
          )}
        </section>

        <section aria-labelledby="steps-heading">
          <h2 id="steps-heading" className="font-serif text-2xl font-semibold text-ink">
            What happens when you book
          </h2>
          <ol className="mt-6 grid gap-6 sm:grid-cols-3">
            {[
              ['Pick a time', 'Times are shown in your own time zone.'],
              ['Tell us how to reach you', 'Only what we need to contact you. Anything else is optional.'],
              ['Get your private link', 'Use it to see, reschedule or cancel your consultation. Keep it to yourself.'],
            ].map(([title, text], i) => (
              <li key={title} className="rounded-2xl border border-line bg-surface p-6">
                <p className="text-sm font-semibold text-accent">Step {i + 1}</p>
                <p className="mt-1 font-semibold text-ink">{title}</p>
                <p className="mt-2 text-ink-muted">{text}</p>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
