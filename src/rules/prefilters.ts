/**
 * Shared prefilters (regex sources). Rules that share one are skipped together, after a single
 * test per text: most log lines have no nine digits close together, so they never reach the
 * phone, card, SSN and IBAN patterns.
 */

/**
 * At least nine digits, at most two separator characters apart ("+44 (20) 7946", "4242-4242 4").
 * Bounded, so that a run of millions of digits gives many hits (whose windows merge) instead of
 * one match whose backtracking state outgrows the regex engine's stack.
 */
export const NINE_DIGITS = String.raw`\d(?:[ ().\/-]{0,2}\d){8,1000}`

/** At least seven digits close together: national numbers without an area code ("60-56-85-91"). */
export const SEVEN_DIGITS = String.raw`\d(?:[ ().\/-]{0,2}\d){6,1000}`

/** Around a digit cluster: room for "+", "(", "ext. 12345" and the boundary characters. */
export const DIGITS_WINDOW = 16

/**
 * Any known token prefix. One scan for all token rules instead of one per rule: almost no log
 * line has one, so the token patterns rarely run.
 */
export const TOKEN_PREFIXES = String.raw`AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|sk-|xox[abposr]-|[sr]k_(?:live|test)_|eyJ|[Bb]earer|BEARER`
