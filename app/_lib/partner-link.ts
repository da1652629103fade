/** Holds the partner's own private link for the primary holder's first visit to their page. */
export const PARTNER_LINK_COOKIE = 'haven_partner_link';
