#!/usr/bin/env node
// `npm run package`: the .vsix, with README links that work on the extension's page.
//
// The extension page (VS Code's Extensions view and the Marketplace) renders README.md in a
// webview that loads only https images and opens only http(s) links: a relative `docs/cli.md` or
// `media/screenshots/x.png` does nothing there, even for an installed .vsix that contains the
// file. So relative links are rewritten to absolute URLs of the published repository, which vsce
// does when it knows where that is: from a GitHub or GitLab `repository.url` in package.json, or
// from `--baseContentUrl URL --baseImagesUrl URL` passed through (`npm run package -- …`).
//
// While package.json names no published repository (this one's URL is a placeholder), the
// package is still built with relative links, and this says so: the docs are in the .vsix
// (`extension/docs/`, readable in VS Code's Markdown preview, where relative links work), but
// the extension page cannot follow them.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where relative README links will point, or undefined when nobody said. */
export function publishedLocation(manifest, args) {
  const flag = (name) => {
    const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    return args[i].includes('=') ? args[i].slice(name.length + 1) : args[i + 1];
  };
  const content = flag('--baseContentUrl');
  const images = flag('--baseImagesUrl');
  if (content !== undefined || images !== undefined) return { content, images: images ?? content };
  const repo = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  // The same patterns vsce applies to guess its base URLs (out/package.js, guessBaseUrls).
  const gitHub = /github(\.com\/|:)(?:[^/]+)\/(?:[^/]+)(\/|$)/;
  const gitLab = /gitlab(\.com\/|:)(?:[^/]+)(\/(?:[^/]+))+(\/|$)/;
  if (typeof repo === 'string' && (gitHub.test(repo) || gitLab.test(repo))) return { repository: repo };
  return undefined;
}

function main() {
  const args = process.argv.slice(2);
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const where = publishedLocation(manifest, args);
  const vsceArgs = ['package', '--no-dependencies', ...args];
  if (where === undefined) {
    vsceArgs.push('--no-rewrite-relative-links');
    console.warn(
      'package: package.json `repository.url` names no GitHub or GitLab repository, so README links into docs/ and ' +
        'its picture stay relative: they work on GitHub and in the Markdown preview, not on the extension page. ' +
        'Pass `-- --baseContentUrl URL --baseImagesUrl URL` (or set repository.url) to make them absolute.',
    );
  } else {
    const base = where.repository ?? `${where.content} (images: ${where.images})`;
    console.log(`package: README links point into ${base}`);
  }
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const run = spawnSync(process.execPath, [vsce, ...vsceArgs], { cwd: root, stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
