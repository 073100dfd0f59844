// Why git is off for a folder, in the one wording every surface uses: the status bar's tooltip, the
// item card, and the warnings of the work and tag commands (which prefix "Roadmap Lens: ").

export const GIT_OFF_TEXT = {
  untrusted: 'Git does not run in Restricted Mode. Trust this workspace to link branches and commits to the roadmap.',
  virtual: 'Git features need a folder on disk (this folder is virtual or remote).',
  'no-git': 'git was not found on PATH. Install git to link branches and commits to the roadmap.',
  'not-repo': 'This folder is not a git repository: branches and commits cannot be linked.',
  'no-roadmap': 'This folder has no roadmap, so its repository is not read.',
  loading: 'Still reading the repository; try again in a moment.',
} as const;
