/**
 * Haven's two base intakes as FHIR R4 Questionnaires: one for an individual adult, one answered by
 * each partner of a couple on their own link. Top-level groups are the steps of the form; their
 * linkIds are stable (stored answers, customizations and scoring refer to them).
 */
import type { Questionnaire, QuestionnaireItem } from 'fhir/r4';
import { extensionOf } from '../engine';
import { HAVEN_EXTENSIONS, type IntakeForm } from '../types';
import { optionalSection } from './build';
import { auditcSection, csi4Items, gad7Section, phq9Section } from './instruments';
import {
  aboutYouSection,
  consentSection,
  contactSection,
  coupleSection,
  healthSection,
  reasonsSection,
  relationshipSection,
  sexualHealthSection,
} from './sections';

export const BASE_QUESTIONNAIRE_VERSION = '2026.1';

const TITLES: Record<IntakeForm, string> = {
  individual: 'Before we meet',
  couples: 'Before we meet (each partner)',
};

const COPYRIGHT =
  'PHQ-9 and GAD-7: Copyright © Pfizer Inc.; developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and ' +
  'colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or ' +
  'distribute. AUDIT-C: from the WHO AUDIT, public domain. CSI-4: Funk & Rogge (2007), free for clinical use. ' +
  'LOINC codes © Regenstrief Institute, Inc., used under the LOINC licence (loinc.org/license).';

function optional(section: QuestionnaireItem): QuestionnaireItem {
  return { ...section, extension: [...(section.extension ?? []), optionalSection] };
}

function sectionsFor(form: IntakeForm): QuestionnaireItem[] {
  const couples = form === 'couples';
  return [
    aboutYouSection(),
    contactSection(),
    reasonsSection(),
    relationshipSection(form),
    ...(couples ? [coupleSection(csi4Items())] : []),
    sexualHealthSection(),
    healthSection(),
    optional(auditcSection()),
    phq9Section(),
    optional(gad7Section()),
    consentSection(form),
  ];
}

/** The full questionnaire for a form, before any practice customization. */
export function baseQuestionnaire(form: IntakeForm): Questionnaire {
  return {
    resourceType: 'Questionnaire',
    id: `haven-intake-${form}`,
    url: `https://haven.health/fhir/Questionnaire/intake-${form}`,
    version: BASE_QUESTIONNAIRE_VERSION,
    name: form === 'couples' ? 'HavenCouplesIntake' : 'HavenIndividualIntake',
    title: TITLES[form],
    status: 'active',
    subjectType: ['Patient'],
    copyright: COPYRIGHT,
    item: sectionsFor(form),
  };
}

/** The sections a practice may turn off, in form order. */
export function optionalSectionsOf(form: IntakeForm): Array<{ linkId: string; title: string }> {
  return (baseQuestionnaire(form).item ?? [])
    .filter((section) => extensionOf(section, HAVEN_EXTENSIONS.optionalSection)?.valueBoolean === true)
    .map((section) => ({ linkId: section.linkId, title: section.text ?? section.linkId }));
}
