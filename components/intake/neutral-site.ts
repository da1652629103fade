/**
 * Where "Leave quickly" goes: an everyday page that says nothing about what was on screen. One
 * place, so the e2e specs intercept exactly this address (they never reach the real site).
 */
export const NEUTRAL_SITE = 'https://www.google.com/search?q=weather';
