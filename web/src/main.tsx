import { render } from 'preact';
import { App } from './app.tsx';
import { pageLanguage } from './i18n/translate.ts';
import './styles.css';

document.documentElement.lang = pageLanguage;
render(<App />, document.getElementById('app')!);

// The service worker keeps the page, the FAQ and the updates for when the hub cannot be reached. It
// needs a secure context: the hub's own machine (localhost) or HTTPS.
if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => console.warn('offline copy unavailable:', error));
}
