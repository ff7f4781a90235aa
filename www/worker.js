// Module worker: parses long texts off the main thread so the page never freezes.
// Message in: { id, text }. Message out: { id, doc } or { id, error }.
import { load, parse } from './clausemark.js';

const ready = load();

self.addEventListener('message', async (e) => {
  const { id, text } = e.data ?? {};
  try {
    await ready;
    self.postMessage({ id, doc: parse(String(text ?? '')) });
  } catch (err) {
    self.postMessage({ id, error: String(err?.message ?? err) });
  }
});
