/**
 * The shapes of a Haven intake, shared by the server and the browser (no server imports here).
 *
 * A questionnaire is a FHIR R4 `Questionnaire` (types from `@types/fhir@0.0.44`, `fhir/r4`), in the
 * documented subset of `engine.ts`. Answers are held by linkId in a flat record: a choice is its
 * code, a repeating choice a list of codes, a boolean, a number (integer, decimal) or a string
 * (string, text, date as YYYY-MM-DD). An absent key is "not answered".
 */
import type { Questionnaire, QuestionnaireItem, QuestionnaireItemAnswerOption } from 'fhir/r4';

export type { Questionnaire, QuestionnaireItem, QuestionnaireItemAnswerOption };

/** Which questionnaire a consultation type asks for (null on the type = no intake). */
export const INTAKE_FORMS = ['individual', 'couples'] as const;
export type IntakeForm = (typeof INTAKE_FORMS)[number];

/** The item types Haven renders and validates (FHIR R4 `Questionnaire.item.type`). */
export const SUPPORTED_ITEM_TYPES = ['group', 'display', 'string', 'text', 'boolean', 'choice', 'integer', 'decimal', 'date'] as const;
export type SupportedItemType = (typeof SUPPORTED_ITEM_TYPES)[number];

export type AnswerValue = string | number | boolean | readonly string[];
export type Answers = Readonly<Record<string, AnswerValue>>;

/** What autosave keeps: the answers so far and the step the person was on. */
export type IntakeDraft = { answers: Answers; step: number };

/** Where an intake is, as the clinician sees it; the front desk and the client see the first three. */
export const INTAKE_STATUSES = ['not_started', 'in_progress', 'sent', 'reviewed'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];
/** The front desk's and the client's word for an intake's state (reviewed reads as sent). */
export type PublicIntakeStatus = Exclude<IntakeStatus, 'reviewed'>;

/** A sign of danger: PHQ-9 item 9 above 0 (self_harm), a partner's "yes" to the private safety question (partner_fear). */
export const SAFETY_FLAGS = ['self_harm', 'partner_fear'] as const;
export type SafetyFlag = (typeof SAFETY_FLAGS)[number];

/** Booking facts that decide which items apply (telehealth consent only for video). */
export type IntakeContext = { modality: 'video' | 'in_person' };

/** Haven's own extensions on FHIR items (documented in engine.ts). */
export const HAVEN_EXTENSIONS = {
  /**
   * Complex: sub-extension `flag` (valueCode = a SafetyFlag) and `threshold`, which says when it
   * trips: valueInteger = the answer's ordinal is above it; valueCoding = the answer is that code.
   */
  safety: 'https://haven.health/fhir/StructureDefinition/safety-flag',
  /** valueBoolean true: a typed-name signature (stored with time and questionnaire version). */
  signature: 'https://haven.health/fhir/StructureDefinition/signature',
  /** valueCode 'video' | 'in_person': the item (and its children) exist only for that modality. */
  modality: 'https://haven.health/fhir/StructureDefinition/when-modality',
  /** valueBoolean true on a top-level group: the practice may turn this section off. */
  optionalSection: 'https://haven.health/fhir/StructureDefinition/optional-section',
  /** valueString: a question the practice added (its id in the customization). */
  practiceQuestion: 'https://haven.health/fhir/StructureDefinition/practice-question',
  /** valueBoolean true on a date item: the date may not be after today (a birth date). */
  notInFuture: 'https://haven.health/fhir/StructureDefinition/not-in-future',
} as const;

/** FHIR's own extensions Haven reads. */
export const FHIR_EXTENSIONS = {
  ordinalValue: 'http://hl7.org/fhir/StructureDefinition/ordinalValue',
  itemControl: 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl',
} as const;

/** One screener's result, computed on the server from stored answers (scoring.ts). */
export type InstrumentId = 'phq9' | 'gad7' | 'auditc' | 'csi4';
export type InstrumentScore = {
  instrument: InstrumentId;
  /** "PHQ-9 (depression)" */
  label: string;
  /** null when too many items are missing to score (the note says why). */
  total: number | null;
  max: number;
  answered: number;
  items: number;
  /** "Moderate", "Positive screen", "Below 13.5: notable relationship distress"… null when not scored. */
  band: string | null;
  /** AUDIT-C positive screen, CSI-4 below the cut-off, PHQ-9/GAD-7 moderate or above. */
  notable: boolean;
  /** How missing items were handled ("1 item missing: total prorated"). */
  note: string | null;
};

/** A typed-name signature: when it was given and on which questionnaire version. */
export type Signature = { signedAt: string; questionnaireVersion: string };

/** What is stored (sealed) when an intake is sent. */
export type StoredAnswers = { answers: Answers; signatures: Readonly<Record<string, Signature>> };

/** What is stored (sealed) beside it: the server's scores and flags. */
export type IntakeSummary = { scores: InstrumentScore[]; flags: SafetyFlag[] };
