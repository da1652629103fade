import type { ComponentProps, ReactNode } from 'react';
import { characterCount } from './character-count';
import { cx } from './cx';

/**
 * Form fields with their label, hint and error wired up for assistive tech: the input names its
 * hint and error with aria-describedby and says aria-invalid while an error shows. They accept
 * react-hook-form's `register()` props (React 19 passes `ref` as a prop).
 */

const controlBase =
  'mt-1.5 block w-full rounded-lg border bg-surface px-3.5 py-2.5 text-base text-ink shadow-xs ' +
  'placeholder:text-ink-muted/80 focus-visible:border-focus';

function describedBy(...ids: Array<string | undefined>): string | undefined {
  const list = ids.filter(Boolean);
  return list.length ? list.join(' ') : undefined;
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1.5 text-sm font-medium text-danger">
      {message}
    </p>
  );
}

type Shell = { id: string; label: ReactNode; hint?: ReactNode; error?: string; optional?: boolean };

/**
 * A limit on what may be typed, with what is typed now: the field shows "812 of 1,000" (a text
 * input only from 80% of the limit) and says plainly when it is over. Never a `maxLength`.
 */
type Limit = { limit?: { max: number; value: string } };

function CharacterCounter({ id, limit, always }: { id: string; limit: { max: number; value: string }; always: boolean }) {
  const count = characterCount(limit.value, limit.max);
  const visible = always || count.over || count.length >= limit.max * 0.8;
  return (
    <>
      {visible ? (
        <p id={id} className={cx('mt-1 text-sm tabular-nums', count.over ? 'font-medium text-danger' : 'text-ink-muted')}>
          {count.text}
        </p>
      ) : null}
      {/* Said once when the text goes over (not on every keystroke). */}
      <span aria-live="polite" className="sr-only">
        {count.announcement}
      </span>
    </>
  );
}

function counterId(id: string, limit: Limit['limit'], always: boolean): string | undefined {
  if (!limit) return undefined;
  const count = characterCount(limit.value, limit.max);
  return always || count.over || count.length >= limit.max * 0.8 ? `${id}-count` : undefined;
}

function LabelText({ label, optional }: { label: ReactNode; optional?: boolean }) {
  return (
    <>
      {label}
      {optional ? <span className="font-normal text-ink-muted"> (optional)</span> : null}
    </>
  );
}

export function TextField({ id, label, hint, error, optional, className, limit, ...input }: Shell & Limit & ComponentProps<'input'>) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const countId = counterId(id, limit, false);
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium text-ink">
        <LabelText label={label} optional={optional} />
      </label>
      {hint ? (
        <p id={hintId} className="mt-0.5 text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, countId, error ? errorId : undefined)}
        className={cx(controlBase, error ? 'border-danger' : 'border-line-strong')}
        {...input}
      />
      {limit ? <CharacterCounter id={`${id}-count`} limit={limit} always={false} /> : null}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

export function TextAreaField({ id, label, hint, error, optional, className, limit, ...input }: Shell & Limit & ComponentProps<'textarea'>) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const countId = counterId(id, limit, true);
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium text-ink">
        <LabelText label={label} optional={optional} />
      </label>
      {hint ? (
        <p id={hintId} className="mt-0.5 text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, countId, error ? errorId : undefined)}
        className={cx(controlBase, 'min-h-28 resize-y', error ? 'border-danger' : 'border-line-strong')}
        {...input}
      />
      {limit ? <CharacterCounter id={`${id}-count`} limit={limit} always /> : null}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

/** A checkbox with its label beside it. */
export function CheckboxField({ id, label, hint, error, className, ...input }: Shell & Omit<ComponentProps<'input'>, 'type'>) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  return (
    <div className={className}>
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hintId, error ? errorId : undefined)}
          className="mt-1 size-5 shrink-0 accent-accent"
          {...input}
        />
        <div>
          <label htmlFor={id} className="text-ink">
            {label}
          </label>
          {hint ? (
            <p id={hintId} className="text-sm text-ink-muted">
              {hint}
            </p>
          ) : null}
        </div>
      </div>
      <FieldError id={errorId} message={error} />
    </div>
  );
}

/** A group of radio buttons under one legend. `inputProps` is spread on every radio. */
export function RadioGroup({
  id,
  legend,
  hint,
  error,
  options,
  inputProps,
  className,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: ReadonlyArray<{ value: string; label: ReactNode }>;
  inputProps: Omit<ComponentProps<'input'>, 'type' | 'value' | 'id'>;
  className?: string;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  return (
    <fieldset className={className} aria-describedby={describedBy(hintId, error ? errorId : undefined)}>
      <legend className="font-medium text-ink">{legend}</legend>
      {hint ? (
        <p id={hintId} className="mt-0.5 text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
      <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-x-6">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div key={option.value} className="flex items-center gap-2.5">
              <input
                id={optionId}
                type="radio"
                value={option.value}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                className="size-5 accent-accent"
                {...inputProps}
              />
              <label htmlFor={optionId} className="text-ink">
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}
