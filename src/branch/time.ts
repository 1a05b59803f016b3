/**
 * The one time format of the branch procedure: UTC ISO 8601 to the second (2026-11-27T14:02:57Z).
 * Plans record when they were made in it, and backup tag names are built from it, so a plan, its
 * backup tag and the tag's record all show the same instant.
 */

/** `2026-11-27T14:02:57Z`: ISO 8601 in UTC, milliseconds dropped. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
