/**
 * File-system errors in words a person acts on, never an errno code (`ENOENT`) or Node's message
 * (`EACCES: permission denied, open '/x'`). One wording wherever a file is read or written.
 */

const READ: Readonly<Record<string, string>> = {
  ENOENT: 'not found',
  EACCES: 'cannot be read: permission denied',
  EPERM: 'cannot be read: permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'not found: a part of its path is a file, not a directory',
  ENAMETOOLONG: 'cannot be opened: its name is too long',
  ELOOP: 'cannot be opened: its symbolic links form a loop',
  EMFILE: 'cannot be opened: too many files are open (raise the limit with ulimit -n)',
  ENFILE: 'cannot be opened: too many files are open on this system',
  EIO: 'cannot be read: input/output error (a failing disk or network share)',
  EBUSY: 'cannot be read: it is in use',
  ENXIO: 'cannot be opened: nothing is connected to it',
}

const WRITE: Readonly<Record<string, string>> = {
  ENOENT: 'its directory does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of its path is a file, not a directory',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'its name is too long',
  ELOOP: 'its symbolic links form a loop',
  EMFILE: 'too many files are open (raise the limit with ulimit -n)',
  EIO: 'input/output error (a failing disk or network share)',
  EBUSY: 'it is in use',
  EEXIST: 'a file of that name appeared meanwhile',
}

/** Node's message without the code, the system call and the path: "cross-device link not permitted". */
function plainMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const plain = /^E[A-Z0-9]+: ([^,]+)/.exec(message)?.[1] ?? message
  return plain.trim() || 'unknown error'
}

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code

/** Why a file cannot be read, said after its name: "input file x.jsonl not found". */
export function readProblem(error: unknown): string {
  const code = codeOf(error)
  return (code === undefined ? undefined : READ[code]) ?? `cannot be read: ${plainMessage(error)}`
}

/** Why a file cannot be written, said after "cannot write x.sarif: ". */
export function writeProblem(error: unknown): string {
  const code = codeOf(error)
  return (code === undefined ? undefined : WRITE[code]) ?? plainMessage(error)
}
