import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getRequestLocale } from '@/app/_lib/request-locale';
import { can } from '@/lib/auth/actor';
import { getIntakeSettings } from '@/lib/intake/settings';
import { INTAKE_FORMS, type IntakeForm } from '@/lib/intake/types';
import { getStaffPractice } from '@/lib/staff/practice';
import { requireStaffPage } from '../../../_lib/staff-guard';
import { MODALITY_NAMES, formatDateTime } from '../../_lib/format';
import { CustomizationForm } from './_components/customization-form';
import { TypeIntakeForm } from './_components/type-intake-form';

export const metadata: Metadata = { title: 'Intake questions' };

const FORM_TITLES: Record<IntakeForm, string> = { individual: 'Individual questionnaire', couples: 'Couples questionnaire' };

/**
 * The practice's intake questionnaires ('practice.edit_intake': its clinicians): which one each
 * consultation type asks, optional sections off, the practice's own questions, and every version.
 */
export default async function IntakeSettingsPage() {
  const { actor } = await requireStaffPage('practice.edit_intake');
  if (!can(actor, 'practice.edit_intake')) notFound();
  const settings = await getIntakeSettings({ actor });
  const { timeZone } = await getStaffPractice({ actor });
  const locale = await getRequestLocale();

  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8">
      <p>
        <Link prefetch={false} href="/clinician/settings" className="text-accent underline underline-offset-4">
          ← Consultation types
        </Link>
      </p>
      <h1 className="mt-3 font-serif text-3xl font-semibold text-ink">Intake questions</h1>
      <p className="mt-2 max-w-3xl text-ink-muted">
        What people answer before their first consultation, each on their own private link. Every saved change makes a new version: anyone who
        has already started keeps the version they started on, and what they sent always shows with the questions they saw.
      </p>

      <section aria-labelledby="types-heading" className="mt-10">
        <h2 id="types-heading" className="font-serif text-xl font-semibold text-ink">
          Which questionnaire each consultation asks
        </h2>
        {settings.types.length === 0 ? (
          <p className="mt-2 text-ink-muted">The practice has no consultation types yet.</p>
        ) : (
          <ul className="mt-4 space-y-5">
            {settings.types.map((type) => (
              <li key={type.id}>
                <TypeIntakeForm typeId={type.id} title={type.title} couple={type.audience === 'couple'} initial={type.intakeForm} />
                <p className="mt-1 text-sm text-ink-muted">
                  {type.audience === 'couple' ? 'Couples' : 'Individual'} · {MODALITY_NAMES[type.modality]}
                  {type.active ? '' : ' · hidden from clients'}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {INTAKE_FORMS.map((form) => {
        const s = settings.forms[form];
        return (
          <section key={form} aria-labelledby={`${form}-heading`} className="mt-14 border-t border-line pt-8">
            <h2 id={`${form}-heading`} className="font-serif text-xl font-semibold text-ink">
              {FORM_TITLES[form]}
            </h2>
            <CustomizationForm
              form={form}
              formTitle={FORM_TITLES[form]}
              initial={{ version: s.version, questionnaireVersion: s.questionnaireVersion, customization: s.customization }}
              optionalSections={s.optionalSections}
              sections={s.sections}
            />
            <h3 className="mt-8 font-medium text-ink">Versions</h3>
            <div className="mt-2 overflow-x-auto">
              <table className="w-full border-collapse text-left text-sm" data-testid={`${form}-versions`}>
                <caption className="sr-only">Versions of the {FORM_TITLES[form].toLowerCase()}, newest first</caption>
                <thead>
                  <tr className="border-b border-line-strong text-ink-muted">
                    <th scope="col" className="py-2 pr-3 font-medium">Version</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Saved</th>
                    <th scope="col" className="py-2 pr-3 font-medium">By</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Sections off</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Own questions</th>
                    <th scope="col" className="py-2 font-medium">Intakes started on it</th>
                  </tr>
                </thead>
                <tbody>
                  {s.versions.map((v) => (
                    <tr key={v.version} className="border-b border-line">
                      <th scope="row" className="py-2 pr-3 font-medium text-ink">
                        {v.version} <span className="font-normal text-ink-muted">({v.questionnaireVersion})</span>
                      </th>
                      <td className="py-2 pr-3">{formatDateTime(v.createdAt, timeZone, locale)}</td>
                      <td className="py-2 pr-3">{v.createdByName ?? (v.version === 1 ? 'Haven (the starting questionnaire)' : '—')}</td>
                      <td className="py-2 pr-3 tabular-nums">{v.sectionsOff}</td>
                      <td className="py-2 pr-3 tabular-nums">{v.questions}</td>
                      <td className="py-2 tabular-nums">{v.intakes}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}
