'use client';

import { useState, type ReactNode } from 'react';
import { cx } from '@/components/ui/cx';
import { FieldError, TextAreaField, TextField } from '@/components/ui/field';
import { helpTextOf, isSignature, optionsOf } from '@/lib/intake/engine';
import type { AnswerValue, QuestionnaireItem } from '@/lib/intake/types';
import { STRING_MAX, TEXT_MAX, fieldId } from './ids';

export type FieldProps = {
  item: QuestionnaireItem;
  value: AnswerValue | undefined;
  error?: string;
  /** undefined: the answer is cleared (not answered). */
  onChange: (value: AnswerValue | undefined) => void;
  /** The person left the field: autosave saves now. */
  onBlur: () => void;
};

function describedBy(...ids: Array<string | undefined>): string | undefined {
  const list = ids.filter(Boolean);
  return list.length ? list.join(' ') : undefined;
}

function Optional({ item }: { item: QuestionnaireItem }) {
  return item.required ? null : <span className="font-normal text-ink-muted"> (optional)</span>;
}

/** One question, rendered by its FHIR type. */
export function QuestionField(props: FieldProps) {
  const { item } = props;
  switch (item.type) {
    case 'string':
      return <StringField {...props} />;
    case 'text':
      return <LongTextField {...props} />;
    case 'boolean':
      return (
        <ChoiceField
          {...props}
          options={[
            { code: 'true', display: 'Yes' },
            { code: 'false', display: 'No' },
          ]}
          toValue={(code) => code === 'true'}
          fromValue={(value) => (typeof value === 'boolean' ? String(value) : undefined)}
        />
      );
    case 'choice':
      return item.repeats ? (
        <CheckboxesField {...props} />
      ) : (
        <ChoiceField {...props} options={optionsOf(item)} toValue={(code) => code} fromValue={(value) => (typeof value === 'string' ? value : undefined)} />
      );
    case 'integer':
    case 'decimal':
      return <NumberField {...props} />;
    case 'date':
      return <DateField {...props} />;
    default:
      return null;
  }
}

function StringField({ item, value, error, onChange, onBlur }: FieldProps) {
  const id = fieldId(item.linkId);
  const text = typeof value === 'string' ? value : '';
  const signature = isSignature(item);
  const help = helpTextOf(item);
  return (
    <TextField
      id={id}
      name={item.linkId}
      label={
        <>
          {item.text}
          <Optional item={item} />
        </>
      }
      hint={signature ? (help ? `${help} Type your full name to sign.` : 'Type your full name to sign.') : (help ?? undefined)}
      error={error}
      value={text}
      autoComplete={signature ? 'name' : 'off'}
      spellCheck={signature ? false : undefined}
      limit={{ max: Math.min(item.maxLength ?? STRING_MAX, STRING_MAX), value: text }}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      onBlur={onBlur}
    />
  );
}

function LongTextField({ item, value, error, onChange, onBlur }: FieldProps) {
  const text = typeof value === 'string' ? value : '';
  return (
    <TextAreaField
      id={fieldId(item.linkId)}
      name={item.linkId}
      label={
        <>
          {item.text}
          <Optional item={item} />
        </>
      }
      hint={helpTextOf(item) ?? undefined}
      error={error}
      rows={5}
      value={text}
      limit={{ max: Math.min(item.maxLength ?? TEXT_MAX, TEXT_MAX), value: text }}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      onBlur={onBlur}
    />
  );
}

function DateField({ item, value, error, onChange, onBlur }: FieldProps) {
  return (
    <TextField
      id={fieldId(item.linkId)}
      name={item.linkId}
      type="date"
      label={
        <>
          {item.text}
          <Optional item={item} />
        </>
      }
      hint={helpTextOf(item) ?? undefined}
      error={error}
      value={typeof value === 'string' ? value : ''}
      className="max-w-xs"
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      onBlur={onBlur}
    />
  );
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(?:[.,]\d+)?$/;

/** Typed as text (inputmode numeric): what was typed stays in the field even when it is not a number yet. */
function NumberField({ item, value, error, onChange, onBlur }: FieldProps) {
  const [text, setText] = useState(typeof value === 'number' ? String(value) : '');
  const [typo, setTypo] = useState<string | null>(null);
  const integer = item.type === 'integer';
  return (
    <TextField
      id={fieldId(item.linkId)}
      name={item.linkId}
      inputMode={integer ? 'numeric' : 'decimal'}
      label={
        <>
          {item.text}
          <Optional item={item} />
        </>
      }
      hint={helpTextOf(item) ?? undefined}
      error={typo ?? error}
      value={text}
      className="max-w-xs"
      onChange={(e) => {
        const typed = e.target.value;
        setText(typed);
        const trimmed = typed.trim();
        if (trimmed === '') {
          setTypo(null);
          onChange(undefined);
        } else if ((integer ? INTEGER : DECIMAL).test(trimmed)) {
          setTypo(null);
          onChange(Number(trimmed.replace(',', '.')));
        } else {
          setTypo(integer ? 'Please type a whole number, like 3.' : 'Please type a number, like 2.5.');
          onChange(undefined);
        }
      }}
      onBlur={onBlur}
    />
  );
}

/** A question whose options are radios (one choice, or yes / no) in a fieldset named by the question. */
function ChoiceField({
  item,
  value,
  error,
  onChange,
  onBlur,
  options,
  toValue,
  fromValue,
}: FieldProps & {
  options: ReadonlyArray<{ code: string; display: string }>;
  toValue: (code: string) => AnswerValue;
  fromValue: (value: AnswerValue | undefined) => string | undefined;
}) {
  const id = fieldId(item.linkId);
  const help = helpTextOf(item);
  const hintId = help ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const selected = fromValue(value);
  const inline = options.length <= 2;
  return (
    <QuestionFieldset id={id} item={item} help={help} hintId={hintId} error={error} errorId={errorId}>
      <div className={cx('mt-2 grid gap-1', inline && 'sm:flex sm:flex-wrap sm:gap-x-6')}>
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}--${option.code}`;
          return (
            <label key={option.code} htmlFor={optionId} className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-1 text-ink hover:bg-accent-soft/60">
              <input
                id={optionId}
                type="radio"
                name={item.linkId}
                value={option.code}
                checked={selected === option.code}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                className="size-5 shrink-0 accent-accent"
                onChange={() => onChange(toValue(option.code))}
                onBlur={onBlur}
              />
              <span>{option.display}</span>
            </label>
          );
        })}
      </div>
      {!item.required && selected !== undefined ? (
        <button type="button" className="mt-1 inline-flex min-h-11 items-center px-1 text-sm text-accent underline underline-offset-4" onClick={() => { onChange(undefined); onBlur(); }}>
          Clear this answer<span className="sr-only">: {item.text}</span>
        </button>
      ) : null}
    </QuestionFieldset>
  );
}

function CheckboxesField({ item, value, error, onChange, onBlur }: FieldProps) {
  const id = fieldId(item.linkId);
  const help = helpTextOf(item);
  const errorId = `${id}-error`;
  const chosen = Array.isArray(value) ? (value as readonly string[]) : [];
  const options = optionsOf(item);
  return (
    <QuestionFieldset id={id} item={item} help={help ?? 'Choose all that apply.'} hintId={`${id}-hint`} error={error} errorId={errorId}>
      <div className="mt-2 grid gap-1">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}--${option.code}`;
          const checked = chosen.includes(option.code);
          return (
            <label key={option.code} htmlFor={optionId} className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-1 text-ink hover:bg-accent-soft/60">
              <input
                id={optionId}
                type="checkbox"
                name={item.linkId}
                value={option.code}
                checked={checked}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                className="size-5 shrink-0 accent-accent"
                onChange={() => {
                  // Kept in the questionnaire's order, whatever order they were ticked in.
                  const next = options.map((o) => o.code).filter((code) => (code === option.code ? !checked : chosen.includes(code)));
                  onChange(next.length ? next : undefined);
                }}
                onBlur={onBlur}
              />
              <span>{option.display}</span>
            </label>
          );
        })}
      </div>
    </QuestionFieldset>
  );
}

function QuestionFieldset({
  id,
  item,
  help,
  hintId,
  error,
  errorId,
  children,
}: {
  id: string;
  item: QuestionnaireItem;
  help: string | null;
  hintId: string | undefined;
  error?: string;
  errorId: string;
  children: ReactNode;
}) {
  return (
    <fieldset aria-describedby={describedBy(help ? hintId : undefined, error ? errorId : undefined)} data-question={item.linkId} id={`${id}-group`}>
      <legend className="font-medium text-ink">
        {item.text}
        <Optional item={item} />
      </legend>
      {help ? (
        <p id={hintId} className="mt-0.5 text-sm text-ink-muted">
          {help}
        </p>
      ) : null}
      {children}
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}
