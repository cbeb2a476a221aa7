// Test helpers that run the real feed checkers in batches: xmllint-wasm (well-formed, Atom RELAX NG), Python feedparser,
// the JavaScript parsers rss-parser and @extractus/feed-extractor, and ajv (JSON Feed 1.1).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractFromXml } from '@extractus/feed-extractor';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import RssParser from 'rss-parser';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** RFC 4287's RELAX NG schema; atom.rnc is the readable source, atom.rng its XML form that libxml2 reads. */
export const ATOM_RNG = path.join(ROOT, 'tests/fixtures/atom.rng');
export const JSONFEED_SCHEMA = path.join(ROOT, 'schemas/jsonfeed-1.1.schema.json');

const BATCH = 400;
/** xmllint-wasm's memory ceiling, in 64 KiB pages: 1 GiB, for batches of feeds with 50 KB fields. */
const MAX_MEMORY_PAGES = 16_384;

function chunks<T>(xs: readonly T[], n = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/**
 * The python3 that has feedparser, found by `npm test`'s preflight (scripts/test-tools.mjs) or vitest's global setup.
 * @example pythonWithFeedparser() //=> '/usr/bin/python3'
 */
export function pythonWithFeedparser(): string {
  const python = process.env.NASHRA_PYTHON;
  if (!python)
    throw new Error(process.env.NASHRA_TOOLS_MISSING ?? 'NASHRA_PYTHON is not set: run the tests with `npm test` or `npx vitest`');
  return python;
}

/** The python3 that has feedparser, or empty when there is none: prefer pythonWithFeedparser(), which then says what to install. */
export const PYTHON = process.env.NASHRA_PYTHON ?? '';

/** Runs xmllint (libxml2 as WebAssembly) over a batch; names the documents by index so any path works, and maps them back. */
async function runXmllint(
  files: readonly string[],
  schema?: string,
): Promise<{ result: XMLValidationResult; rename: (s: string) => string }> {
  const rename = (s: string) => s.replace(/\bdoc-(\d+)\.xml\b/g, (m, i: string) => files[Number(i)] ?? m);
  const result = await validateXML({
    xml: files.map((f, i) => ({ fileName: `doc-${i}.xml`, contents: readFileSync(f) })),
    ...(schema ? { schema: { fileName: 'schema.rng', contents: readFileSync(schema, 'utf8') }, extension: 'relaxng' as const } : {}),
    maxMemoryPages: MAX_MEMORY_PAGES,
    modifyArguments: (args) => ['--nonet', ...args],
  } as Parameters<typeof validateXML>[0]);
  return { result, rename };
}

/** Checks the files are well-formed XML (`xmllint --noout`); returns the error text per failing file (empty = all well-formed). */
export async function xmllintErrors(files: readonly string[]): Promise<Map<string, string>> {
  const errors = new Map<string, string>();
  for (const batch of chunks(files)) {
    const { result, rename } = await runXmllint(batch);
    if (result.valid) continue;
    const before = errors.size;
    // Error lines start with "doc-N.xml:line:"; the lines between them echo the source and a caret.
    for (const line of result.rawOutput.split('\n')) {
      const m = /^doc-(\d+)\.xml:\d+:/.exec(line);
      const file = m ? batch[Number(m[1])] : undefined;
      if (file) errors.set(file, [errors.get(file), rename(line)].filter(Boolean).join('\n'));
    }
    if (errors.size === before) errors.set(batch[0]!, rename(result.rawOutput) || 'xmllint failed with no message');
  }
  return errors;
}

/** Validates Atom files against RFC 4287's RELAX NG schema (`xmllint --relaxng`); returns error lines (empty = valid). */
export async function atomSchemaErrors(files: readonly string[], schema = ATOM_RNG): Promise<string[]> {
  const errors: string[] = [];
  for (const batch of chunks(files)) {
    const { result, rename } = await runXmllint(batch, schema);
    if (result.valid) continue;
    const lines = result.rawOutput.split('\n').filter((l) => l.trim() && !/ validates$/.test(l));
    errors.push(...(lines.length ? lines.map(rename) : ['xmllint --relaxng failed with no message']));
  }
  return errors;
}

export interface ParsedFeed {
  file: string;
  bozo: boolean;
  bozoException: string | null;
  version: string;
  language: string | null;
  entries: Array<{ id: string | null; title: string | null; published: number | null; updated: number | null }>;
}

const FEEDPARSER_SCRIPT = `
import calendar, json, sys
import feedparser
out = []
for f in json.load(sys.stdin):
    d = feedparser.parse(f)
    def ts(t):
        return calendar.timegm(t) if t else None
    out.append({
        "file": f,
        "bozo": bool(d.bozo),
        "bozoException": repr(d.get("bozo_exception")) if d.bozo else None,
        "version": d.version,
        "language": d.feed.get("language"),
        "entries": [{"id": e.get("id"), "title": e.get("title"),
                     "published": ts(e.get("published_parsed")), "updated": ts(e.get("updated_parsed"))}
                    for e in d.entries],
    })
json.dump(out, sys.stdout)
`;

/** Parses many feed files with Universal Feed Parser (Python feedparser) in ONE python process. Instants are epoch seconds. */
export function feedparserParse(files: readonly string[]): ParsedFeed[] {
  if (files.length === 0) return [];
  const r = spawnSync(pythonWithFeedparser(), ['-c', FEEDPARSER_SCRIPT], {
    input: JSON.stringify(files),
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`feedparser failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ParsedFeed[];
}

/**
 * Runs a short Python script that imports feedparser, with `input` on its standard input; returns its standard output.
 * @example runFeedparserScript('import sys, feedparser; print(feedparser.parse(sys.stdin.read()).version)', rss) //=> 'rss20\n'
 */
export function runFeedparserScript(script: string, input: string): string {
  const r = spawnSync(pythonWithFeedparser(), ['-c', script], { input, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`python feedparser script failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** One feed as a JavaScript feed parser read it: items in document order; instants in epoch seconds (null when absent). */
export interface JsParsedFeed {
  file: string;
  /** The parser's error message when it rejected the document. */
  error: string | null;
  entries: Array<{ id: string | null; title: string | null; published: number | null }>;
}

const epochSeconds = (iso: string | undefined | null) => {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
};

/**
 * Parses feed files with rss-parser (xml2js underneath): id is the RSS guid or Atom id, published its `isoDate`
 * (RSS pubDate; Atom published, else updated).
 */
export async function rssParserParse(files: readonly string[]): Promise<JsParsedFeed[]> {
  const parser = new RssParser();
  const out: JsParsedFeed[] = [];
  for (const file of files) {
    try {
      const feed = await parser.parseString(readFileSync(file, 'utf8'));
      out.push({
        file,
        error: null,
        entries: feed.items.map((i) => ({
          id: (i.guid ?? (i as { id?: string }).id ?? null) as string | null,
          title: i.title ?? null,
          published: epochSeconds(i.isoDate),
        })),
      });
    } catch (e) {
      out.push({ file, error: (e as Error).message, entries: [] });
    }
  }
  return out;
}

/**
 * Parses feed files with @extractus/feed-extractor (fast-xml-parser underneath), normalized entries:
 * id is the RSS guid or Atom id, published the RSS pubDate or the Atom updated (else published) instant.
 */
export function feedExtractorParse(files: readonly string[]): JsParsedFeed[] {
  return files.map((file) => {
    try {
      const feed = extractFromXml(readFileSync(file, 'utf8'), { normalization: true });
      return {
        file,
        error: null,
        entries: (feed.entries ?? []).map((e) => ({ id: e.id ?? null, title: e.title ?? null, published: epochSeconds(e.published) })),
      };
    } catch (e) {
      return { file, error: (e as Error).message, entries: [] };
    }
  });
}

let validateJsonFeed: ReturnType<Ajv2020['compile']> | undefined;

/** Validates a JSON Feed document against schemas/jsonfeed-1.1.schema.json; returns ajv's errors as text (empty = valid). */
export function jsonFeedErrors(doc: unknown): string[] {
  if (!validateJsonFeed) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    validateJsonFeed = ajv.compile(JSON.parse(readFileSync(JSONFEED_SCHEMA, 'utf8')));
  }
  return validateJsonFeed(doc) ? [] : (validateJsonFeed.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
