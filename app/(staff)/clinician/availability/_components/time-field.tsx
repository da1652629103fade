import type { ComponentProps } from 'react';
import { TextField } from '@/components/ui/field';

/** A 24-hour time typed as text ("09:00"): a number pad on phones, no autofill, five characters. */
export function TimeField(props: ComponentProps<typeof TextField>) {
  return <TextField inputMode="numeric" autoComplete="off" maxLength={5} {...props} />;
}
