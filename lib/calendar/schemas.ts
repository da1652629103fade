import { z } from 'zod';

/**
 * Inputs of the calendar-feed actions (app/(staff)/clinician/calendar-feed). The feed is always
 * the signed-in clinician's own: no id travels with them.
 */
export const calendarFeedCommandSchema = z.object({}).strict();
export const calendarFeedNamesSchema = z.object({ showsNames: z.boolean() }).strict();
export type CalendarFeedNamesInput = z.infer<typeof calendarFeedNamesSchema>;
