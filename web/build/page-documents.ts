import { en } from '../src/i18n/en.ts';
import { ICON_BACKGROUND } from './draw-icon.ts';

/** The HTML shell: everything else is drawn by the script. Its few words come from the catalogue. */
export function renderIndexHtml(assets: { script: string; style: string | null }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="${ICON_BACKGROUND}">
<meta name="description" content="${escapeHtml(en['app.description'])}">
<title>${escapeHtml(en['app.name'])}</title>
<link rel="manifest" href="/manifest.webmanifest">
<link rel="icon" href="/icons/icon.svg" type="image/svg+xml">
<link rel="apple-touch-icon" href="/icons/icon-192.png">
${assets.style ? `<link rel="stylesheet" href="${assets.style}">\n` : ''}<script type="module" src="${assets.script}"></script>
</head>
<body>
<div id="app"></div>
<noscript><p>${escapeHtml(en['app.noscript'])}</p></noscript>
</body>
</html>
`;
}

/** The web app manifest that makes the page installable on a phone's home screen. */
export function renderManifest(): string {
  return `${JSON.stringify(
    {
      name: en['app.name'],
      short_name: en['app.shortName'],
      description: en['app.description'],
      lang: 'en',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: ICON_BACKGROUND,
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any maskable' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    null,
    2,
  )}\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!);
}
