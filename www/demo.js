// The demo page: pick a bundled sample, open or drop a .txt file, or paste text.
import { decodeText, engineVersion } from './clausemark-viewer.js';

const $ = (id) => document.getElementById(id);
const viewer = $('viewer');
const select = $('sample');
const message = $('message');
const pastePanel = $('paste-panel');
const pasteToggle = $('paste-toggle');

function showMessage(text) {
  message.textContent = text;
  message.hidden = !text;
}

function sampleFromUrl() {
  const name = new URLSearchParams(location.search).get('sample');
  return name && [...select.options].some((o) => o.value === name && !o.disabled) ? name : null;
}

function loadSample(name, { push = true } = {}) {
  showMessage('');
  select.value = name;
  viewer.src = `samples/${encodeURIComponent(name)}.txt`;
  if (push) {
    const url = new URL(location.href);
    url.searchParams.set('sample', name);
    url.hash = '';
    history.pushState(null, '', url);
  }
}

function showText(text, label) {
  showMessage('');
  const own = $('own-text');
  own.textContent = `Your text: ${label}`;
  own.hidden = false;
  select.value = '';
  viewer.removeAttribute('src');
  viewer.text = text;
  const url = new URL(location.href);
  url.searchParams.delete('sample');
  url.hash = '';
  history.replaceState(null, '', url);
  document.title = `clausemark: ${label}`;
}

async function openFile(file) {
  if (!file) return;
  if (file.size > 64 * 1024 * 1024) {
    showMessage(`${file.name} is ${Math.round(file.size / 1048576)} MB; clausemark reads texts up to 64 MB.`);
    return;
  }
  try {
    const text = decodeText(await file.arrayBuffer());
    if (!text.trim()) {
      showMessage(`${file.name} is empty.`);
      return;
    }
    showText(text, file.name);
  } catch (e) {
    showMessage(`${file.name}: ${e.message}`);
  }
}

select.addEventListener('change', () => loadSample(select.value));
$('file').addEventListener('change', (e) => {
  openFile(e.target.files?.[0]);
  e.target.value = '';
});
pasteToggle.addEventListener('click', () => {
  const open = pastePanel.hidden;
  pastePanel.hidden = !open;
  pasteToggle.setAttribute('aria-expanded', String(open));
  if (open) $('paste').focus();
});
$('paste-cancel').addEventListener('click', () => {
  pastePanel.hidden = true;
  pasteToggle.setAttribute('aria-expanded', 'false');
  pasteToggle.focus();
});
$('paste-show').addEventListener('click', () => {
  const text = $('paste').value;
  if (!text.trim()) {
    showMessage('Paste the text of a resolution first.');
    return;
  }
  pastePanel.hidden = true;
  pasteToggle.setAttribute('aria-expanded', 'false');
  showText(text, 'pasted text');
});

// Drag and drop anywhere on the page.
const overlay = $('drop-overlay');
let dragDepth = 0;
const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
window.addEventListener('dragenter', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  dragDepth++;
  overlay.hidden = false;
});
window.addEventListener('dragover', (e) => {
  if (hasFiles(e)) e.preventDefault();
});
window.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (!dragDepth) overlay.hidden = true;
});
window.addEventListener('drop', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  dragDepth = 0;
  overlay.hidden = true;
  openFile(e.dataTransfer.files?.[0]);
});

const download = $('download-json');
viewer.addEventListener('clausemark-ready', (e) => {
  const d = e.detail.document ?? {};
  if (d.symbol) document.title = `${d.symbol}: clausemark`;
  download.disabled = false;
});
viewer.addEventListener('clausemark-error', () => {
  download.disabled = true;
});
// The parsed Document as JSON (spans in UTF-16 code units of the text shown).
download.addEventListener('click', () => {
  const d = viewer.document;
  if (!d) return;
  const blob = new Blob([JSON.stringify(d, null, 2) + '\n'], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${(d.symbol || 'document').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '')}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
});
viewer.addEventListener('clausemark-error', (e) => showMessage(e.detail.message));

window.addEventListener('popstate', () => {
  const name = sampleFromUrl();
  if (name && name !== select.value) loadSample(name, { push: false });
});

loadSample(sampleFromUrl() ?? 'E_CN.4_2002_L.108', { push: false });
engineVersion().then((v) => {
  if (v) $('engine-version').textContent = `clausemark ${v}.`;
});
