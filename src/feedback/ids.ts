import {randomBytes} from 'node:crypto'

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A ULID: 48 bits of milliseconds and 80 random bits in Crockford base 32. Sorts by creation time
 * as text, is unique across processes, and is safe in file names and URLs.
 */
export function newId(now = Date.now()): string {
  let time = ''
  let ms = now
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[ms % 32] + time
    ms = Math.floor(ms / 32)
  }

  let random = ''
  for (const byte of randomBytes(16)) random += CROCKFORD[byte % 32]
  return time + random
}
