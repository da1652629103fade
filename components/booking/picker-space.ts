/**
 * The space the slot picker takes on the booking page, reserved from the first paint. The picker
 * renders only after hydration (its times are in the browser's zone), so the server sends a short
 * placeholder; without this the taller picker pushed the footer down (CLS 0.23–0.35). At least a
 * screen tall, so whatever the picker's final height (days have 2 to 30 times) nothing that was
 * on screen moves: the footer starts below the fold both before and after. The route's loading
 * panel reserves the same space. A plain module (not 'use client'), so server files can use it.
 */
export const PICKER_SPACE = 'min-h-[max(36rem,100svh)]';
