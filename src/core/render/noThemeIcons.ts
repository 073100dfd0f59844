// Quick pick labels, descriptions and details, like status bar text, render `$(name)` as a theme
// icon. Text from a roadmap or from git (titles, whys, branch names, commit subjects) must show
// as written, so the `$(` is broken with a zero-width space: it reads the same and stays text.

export function noThemeIcons(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(');
}
