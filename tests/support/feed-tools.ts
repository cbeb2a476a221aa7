// Test helpers that run the real feed checkers in batches: xmllint (well-formed), jing (Atom RELAX NG), python3 feedparser, ajv (JSON Feed 1.1).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const ATOM_RNC = path.join(ROOT, 'tests/fixtures/atom.rnc');
export const JSONFEED_SCHEMA = path.join(ROOT, 'schemas/jsonfeed-1.1.schema.json');
/** The system python, which has python3-feedparser (a pyenv python on PATH may not). */
export const PYTHON = '/usr/bin/python3';

const BATCH = 400;

function chunks<T>(xs: readonly T[], n = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Runs `xmllint --noout` over the files; returns the error text per failing file (empty = all well-formed). */
export function xmllintErrors(files: readonly string[]): Map<string, string> {
  const errors = new Map<string, string>();
  for (const batch of chunks(files)) {
    const r = spawnSync('xmllint', ['--noout', '--nonet', ...batch], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.error) throw r.error;
    if (r.status === 0) continue;
    for (const f of batch) {
      const lines = r.stderr.split('\n').filter((l) => l.startsWith(`${f}:`));
      if (lines.length) errors.set(f, lines.join('\n'));
    }
    if (errors.size === 0) errors.set(batch[0]!, r.stderr || `xmllint exit ${r.status}`);
  }
  return errors;
}

/** Validates Atom files against the RFC 4287 RELAX NG schema with `jing -c`; returns error lines (empty = valid). */
export function jingErrors(files: readonly string[], schema = ATOM_RNC): string[] {
  const errors: string[] = [];
  for (const batch of chunks(files)) {
    const r = spawnSync('jing', ['-c', schema, ...batch], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.error) throw r.error;
    const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.trim() && !l.startsWith('[warning]'));
    if (r.status !== 0 && lines.length === 0) lines.push(`jing exit ${r.status}`);
    errors.push(...lines);
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

/** Parses many feed files with Universal Feed Parser in ONE python process. Instants are epoch seconds. */
export function feedparserParse(files: readonly string[]): ParsedFeed[] {
  if (files.length === 0) return [];
  const r = spawnSync(PYTHON, ['-c', FEEDPARSER_SCRIPT], {
    input: JSON.stringify(files),
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`feedparser failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ParsedFeed[];
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
