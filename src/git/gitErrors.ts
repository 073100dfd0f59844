// Typed failures of the git layer, so callers (models, CLI) can turn each into a clear state
// instead of a generic error popup.

export class UntrustedWorkspaceError extends Error {
  override readonly name = 'UntrustedWorkspaceError';
  constructor() {
    super('Git features are disabled in an untrusted workspace.');
  }
}

export class GitNotFoundError extends Error {
  override readonly name = 'GitNotFoundError';
  constructor(readonly gitPath: string) {
    super(`git was not found (tried "${gitPath}"). Install git or set its path.`);
  }
}

export class GitError extends Error {
  override readonly name: string = 'GitError';
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
  }
}

export class NotARepositoryError extends GitError {
  override readonly name = 'NotARepositoryError';
}

export class GitOutputTooLargeError extends GitError {
  override readonly name = 'GitOutputTooLargeError';
}

/**
 * Git gave no output for the call's timeout and was killed with its process group: something
 * git reads blocks (a FIFO or a device named by the repository, a hung file system).
 */
export class GitTimeoutError extends GitError {
  override readonly name = 'GitTimeoutError';
}

/**
 * The repository's config cannot be read safely: it is, or includes (`include.path`,
 * `includeIf.*.path`), something other than a regular file. Git reads includes before any `-c`
 * applies, so no git call is started at all.
 */
export class UnsafeRepositoryConfigError extends GitError {
  override readonly name = 'UnsafeRepositoryConfigError';
}

/** Thrown when an AbortSignal stops a git call; `name` matches DOM's AbortError. */
export class GitAbortedError extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super('The git operation was cancelled.');
  }
}

/** A ref or branch name we refuse before it reaches git (e.g. a leading `-` that reads as an option). */
export class InvalidRefError extends Error {
  override readonly name = 'InvalidRefError';
  constructor(
    readonly ref: string,
    reason: string,
  ) {
    super(`Invalid ref ${JSON.stringify(ref.length > 200 ? `${ref.slice(0, 200)}…` : ref)}: ${reason}`);
  }
}

const NOT_A_REPO = /not a git repository/i;

export function isNotARepositoryMessage(stderr: string): boolean {
  return NOT_A_REPO.test(stderr);
}
