/**
 * Shared prefilters (regex sources). Rules that share one are skipped together, after a single
 * test per text: most log lines have no nine digits close together, so they never reach the
 * phone, card, SSN and IBAN patterns.
 */

/** At least nine digits, at most two separator characters apart ("+44 (20) 7946", "4242-4242 4"). */
export const NINE_DIGITS = String.raw`\d(?:[ ().\/-]{0,2}\d){8,}`
