import { z } from 'zod';

/** The audit log view's filters. `to` is exclusive; pages are newest first. */
export const AUDIT_PAGE_MAX = 200;

export const auditFilterSchema = z
  .object({
    from: z.date({ error: 'Choose a valid start date.' }).optional(),
    to: z.date({ error: 'Choose a valid end date.' }).optional(),
    action: z
      .string()
      .trim()
      .max(100, 'That action name is too long.')
      .regex(/^[a-z0-9_.]+$/, 'Choose an action from the list.')
      .optional(),
    limit: z
      .number({ error: 'The page size must be a number.' })
      .int('The page size must be a whole number.')
      .min(1, 'The page size must be at least 1.')
      .max(AUDIT_PAGE_MAX, `The page size must be ${AUDIT_PAGE_MAX} or less.`),
    cursor: z.string().max(200, 'That page link is not valid.').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && !(v.from < v.to)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end must be after the start.' });
  });

export type AuditFilterFormValues = z.input<typeof auditFilterSchema>;
export type AuditFilter = z.output<typeof auditFilterSchema>;
