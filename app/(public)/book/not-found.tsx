import { ButtonLink } from '@/components/ui/button';

export default function ConsultationNotFound() {
  return (
    <div className="mx-auto max-w-2xl px-5 py-16 sm:px-8">
      <h1 className="font-serif text-3xl font-semibold text-ink">This consultation isn&apos;t available</h1>
      <p className="mt-4 text-lg text-ink-muted">
        It may have been renamed or is no longer offered online. You can choose from the consultations that are open now.
      </p>
      <ButtonLink href="/#consultations" className="mt-8">
        See consultations
      </ButtonLink>
    </div>
  );
}
