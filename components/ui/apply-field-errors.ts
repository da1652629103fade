import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';

/**
 * Puts a failed action's field errors (`{ fieldErrors: { start: '…' } }`, the same messages the
 * shared zod schema gives on the client) on the form's fields with `setError`, in the order of
 * `fields` (the order of the form), and returns the first field that got one, for the caller to
 * focus. Nothing the user typed is touched. Keys outside `fields` are left alone.
 */
export function applyFieldErrors<TValues extends FieldValues, const TField extends FieldPath<TValues>>(
  result: { fieldErrors?: Partial<Record<string, string>> },
  setError: UseFormSetError<TValues>,
  fields: readonly TField[],
): TField | null {
  let first: TField | null = null;
  for (const field of fields) {
    const message = result.fieldErrors?.[field];
    if (message) {
      setError(field, { message });
      first ??= field;
    }
  }
  return first;
}
