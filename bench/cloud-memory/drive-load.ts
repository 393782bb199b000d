import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_ADMIN_PASSWORD, BENCH_TOKEN } from './start-cloud-hub.ts';

export interface UploadFile {
  name: string;
  bytes: Uint8Array;
}

export interface LoadCounts {
  uploads: number;
  ready: number;
  failed: number;
  leftForLocal: number;
  questions: number;
  adminPages: number;
  errors: string[];
}

const QUESTIONS = [
  'how much bleach per gallon of water',
  'what goes in a car winter survival kit',
  'what should I do before a flood',
  'how do I prepare for an earthquake',
  'what are the signs of heat stroke',
  'where do we go if we must evacuate',
];
const ADMIN_PAGES = ['/admin', '/admin/api/dashboard', '/admin/api/resources/documents/actions/list', '/admin/api/resources/question_log/actions/list', '/admin/frontend/assets/components.bundle.js'];
/** Pauses that make the mix a busy community rather than a flood: a question a second, a moderator every few. */
const QUESTION_PAUSE_MS = 1_000;
const ADMIN_PAUSE_MS = 3_000;
const UPLOAD_PAUSE_MS = 2_000;
const MAX_ERRORS_KEPT = 20;

const auth = { authorization: `Bearer ${BENCH_TOKEN}` };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every file of a corpus folder (PDFs and whatever else is there), for the upload loop. */
export function readCorpusFolder(folder: string, extensions = ['.pdf']): UploadFile[] {
  return readdirSync(folder)
    .filter((name) => extensions.includes(path.extname(name).toLowerCase()))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(path.join(folder, name)) }));
}

/** Runs uploads, questions and admin page loads side by side until `until` (epoch ms). */
export async function driveLoad(baseUrl: string, files: UploadFile[], until: number): Promise<LoadCounts> {
  const counts: LoadCounts = { uploads: 0, ready: 0, failed: 0, leftForLocal: 0, questions: 0, adminPages: 0, errors: [] };
  const note = (what: string) => {
    if (counts.errors.length < MAX_ERRORS_KEPT) counts.errors.push(what);
  };
  await Promise.all([uploadLoop(baseUrl, files, until, counts, note), questionLoop(baseUrl, until, counts, note), adminLoop(baseUrl, until, counts, note)]);
  return counts;
}

/** One upload at a time, each into a fresh community so the same bytes are parsed again every round. */
async function uploadLoop(baseUrl: string, files: UploadFile[], until: number, counts: LoadCounts, note: (what: string) => void) {
  for (let round = 0; Date.now() < until; round++) {
    for (const file of files) {
      if (Date.now() >= until) return;
      const form = new FormData();
      form.set('community', `bench-${round}`);
      form.set('file', new Blob([file.bytes]), file.name);
      const response = await fetch(`${baseUrl}/api/documents`, { method: 'POST', headers: auth, body: form });
      counts.uploads++;
      if (response.status !== 201 && response.status !== 200) {
        // Intake refusals (413, 415, 422) are answers too: the file was checked and nothing stored.
        if (response.status >= 500) note(`upload ${file.name}: ${response.status} ${await response.text()}`);
        else await response.body?.cancel();
        continue;
      }
      const { id } = (await response.json()) as { id: string };
      await waitUntilProcessed(baseUrl, id, until, counts);
      await sleep(UPLOAD_PAUSE_MS);
    }
  }
}

async function waitUntilProcessed(baseUrl: string, id: string, until: number, counts: LoadCounts) {
  while (Date.now() < until) {
    const document = (await (await fetch(`${baseUrl}/api/documents/${id}`, { headers: auth })).json()) as { status: string; needsFullProcessing: boolean };
    if (document.status === 'ready') counts.ready++;
    if (document.status === 'failed') counts.failed++;
    if (document.status === 'ready' || document.status === 'failed') {
      if (document.needsFullProcessing) counts.leftForLocal++;
      return;
    }
    await sleep(500);
  }
}

async function questionLoop(baseUrl: string, until: number, counts: LoadCounts, note: (what: string) => void) {
  for (let index = 0; Date.now() < until; index++) {
    const streamed = index % 2 === 1;
    const response = await fetch(`${baseUrl}/api/ask`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', ...(streamed ? { accept: 'text/event-stream' } : {}) },
      body: JSON.stringify({ question: QUESTIONS[index % QUESTIONS.length], community: `bench-${index % 3}` }),
    });
    const body = await response.text();
    if (response.status === 200) counts.questions++;
    else note(`ask: ${response.status} ${body.slice(0, 200)}`);
    await sleep(QUESTION_PAUSE_MS);
  }
}

async function adminLoop(baseUrl: string, until: number, counts: LoadCounts, note: (what: string) => void) {
  const login = await fetch(`${baseUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'admin', password: BENCH_ADMIN_PASSWORD }).toString(),
    redirect: 'manual',
  });
  const cookie = login.headers.getSetCookie().map((header) => header.split(';')[0]).join('; ');
  if (!cookie) note(`admin login: ${login.status}, no session cookie`);
  while (Date.now() < until) {
    for (const page of ADMIN_PAGES) {
      const response = await fetch(`${baseUrl}${page}`, { headers: { cookie }, redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status === 200) counts.adminPages++;
      else note(`admin ${page}: ${response.status}`);
    }
    await sleep(ADMIN_PAUSE_MS);
  }
}
