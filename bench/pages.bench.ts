// Benchmark: reading real saved pages (HTML and text) per second; baseline @mozilla/readability alone on the same HTML (over linkedom and over jsdom).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';
import { loadHtmlReader, parseArticles } from '../lambda/core/articles/index.ts';

const fixtures = path.resolve(import.meta.dirname, '../tests/fixtures/real-pages');
const htmlFile = 'elbaladtv-turki-yousra.html';
const textFile = 'shaabjo-rusaifa-municipality.txt';
const htmlBytes = new Uint8Array(readFileSync(path.join(fixtures, htmlFile)));
const html = new TextDecoder().decode(htmlBytes);
const text = readFileSync(path.join(fixtures, textFile), 'utf8');
const options = { timeZone: 'Africa/Cairo', now: new Date('2026-12-05T12:00:00Z'), baseUrl: 'https://nashra.example/articles/' };
await loadHtmlReader(); // parseArticles reads HTML once the reader is loaded

/**
 * Median ms per call of each function, run in turns (A B C A B C …) so that load from other processes on the machine
 * falls on all of them alike; after a warm-up, at most `runs` turns, bounded to ~`seconds` s.
 */
function measureInTurns(fns: Array<() => unknown>, runs: number, seconds: number): number[] {
  for (let i = 0; i < 5; i++) for (const fn of fns) fn();
  const times: number[][] = fns.map(() => []);
  const deadline = performance.now() + seconds * 1000;
  for (let i = 0; i < runs && performance.now() < deadline; i++) {
    fns.forEach((fn, k) => {
      const t = performance.now();
      fn();
      times[k]!.push(performance.now() - t);
    });
  }
  return times.map((ts) => ts.sort((a, b) => a - b)[Math.floor(ts.length / 2)]!);
}

const check = parseArticles({ body: htmlBytes, name: htmlFile }, options);
if (check.articles.length !== 1) throw new Error(`the bench page did not read: ${JSON.stringify(check.errors)}`);
const quiet = new VirtualConsole();
/** The options nashra runs Readability with, so the baseline differs from nashra only by nashra's own work. */
const READABILITY_OPTIONS = { charThreshold: 200 };

const [nashraHtml, readabilityLinkedom] = measureInTurns(
  [
    () => parseArticles({ body: htmlBytes, name: htmlFile }, options),
    () => new Readability(parseHTML(html).document as unknown as Document, READABILITY_OPTIONS).parse(),
  ],
  200,
  20,
) as [number, number];
const [readabilityJsdom] = measureInTurns(
  [() => new Readability(new JSDOM(html, { virtualConsole: quiet }).window.document, READABILITY_OPTIONS).parse()],
  20,
  8,
) as [number];
const [nashraText] = measureInTurns([() => parseArticles({ body: text, name: textFile }, options)], 2000, 3) as [number];

const perSecond = (ms: number) => Math.round(1000 / ms).toLocaleString('en-US');
const kb = (n: number) => `${Math.round(n / 1024)} KB`;
console.log(`page HTML ${htmlFile} (${kb(htmlBytes.byteLength)}), page text ${textFile} (${kb(Buffer.byteLength(text))})`);
console.log('| read | ms per page (median) | pages/s |');
console.log('|---|---:|---:|');
console.log(
  `| nashra, saved HTML (metadata, dates, Readability over linkedom, sanitize-html) | ${nashraHtml.toFixed(2)} | ${perSecond(nashraHtml)} |`,
);
console.log(
  `| baseline: Readability alone over linkedom (parse + extract) | ${readabilityLinkedom.toFixed(2)} | ${perSecond(readabilityLinkedom)} |`,
);
console.log(
  `| baseline: Readability alone over jsdom (parse + extract) | ${readabilityJsdom.toFixed(2)} | ${perSecond(readabilityJsdom)} |`,
);
console.log(`| nashra, page text | ${nashraText.toFixed(3)} | ${perSecond(nashraText)} |`);
console.log(`ratio nashra HTML / Readability alone (linkedom): ${(nashraHtml / readabilityLinkedom).toFixed(2)}x (target <= 1.5x)`);
console.log(`ratio nashra HTML / Readability alone (jsdom): ${(nashraHtml / readabilityJsdom).toFixed(2)}x`);
console.log(`ratio Readability over jsdom / over linkedom: ${(readabilityJsdom / readabilityLinkedom).toFixed(2)}x`);
