// Conditional request evaluation: ETag lists, weak comparison, dates at second precision, both headers.
import { describe, expect, it } from 'vitest';
import { isNotModified, parseEntityTagList, parseHttpDate } from '../../../lambda/core/http/is-not-modified.ts';

const lm = Date.parse('2024-04-29T08:00:00.750Z');
const v = { etag: '"abc"', equivalentEtags: ['"abc-gzip"'], lastModifiedMs: lm };
const h = (init: Record<string, string>) => new Headers(init);

describe('parseEntityTagList', () => {
  it('splits lists and keeps commas inside quotes', () => {
    expect(parseEntityTagList('"a", W/"b,c" ,"d"')).toEqual(['"a"', 'W/"b,c"', '"d"']);
    expect(parseEntityTagList('*')).toEqual(['*']);
  });
});

describe('parseHttpDate', () => {
  it('reads the three HTTP date forms and rejects junk', () => {
    const t = Date.parse('1994-11-06T08:49:37Z');
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(t);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(t);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBeDefined();
    expect(parseHttpDate('yesterday')).toBeUndefined();
  });
});

describe('isNotModified', () => {
  it('is false without conditional headers', () => expect(isNotModified(h({}), v)).toBe(false));
  it('matches an ETag in a list, weakly, or *', () => {
    expect(isNotModified(h({ 'if-none-match': '"x", "abc"' }), v)).toBe(true);
    expect(isNotModified(h({ 'if-none-match': 'W/"abc"' }), v)).toBe(true);
    expect(isNotModified(h({ 'if-none-match': '"abc-gzip"' }), v)).toBe(true);
    expect(isNotModified(h({ 'if-none-match': '*' }), v)).toBe(true);
    expect(isNotModified(h({ 'if-none-match': '"abcd"' }), v)).toBe(false);
    expect(isNotModified(h({ 'if-none-match': 'abc' }), v)).toBe(false);
  });
  it('compares If-Modified-Since as a date, >= at second precision', () => {
    expect(isNotModified(h({ 'if-modified-since': 'Mon, 29 Apr 2024 08:00:00 GMT' }), v)).toBe(true);
    expect(isNotModified(h({ 'if-modified-since': 'Tue, 30 Apr 2024 00:00:00 GMT' }), v)).toBe(true);
    expect(isNotModified(h({ 'if-modified-since': 'Mon, 29 Apr 2024 07:59:59 GMT' }), v)).toBe(false);
    expect(isNotModified(h({ 'if-modified-since': 'not a date' }), v)).toBe(false);
    expect(isNotModified(h({ 'if-modified-since': 'Tue, 30 Apr 2024 00:00:00 GMT' }), { etag: '"abc"' })).toBe(false);
  });
  it('needs both to match when both are sent', () => {
    const ok = 'Mon, 29 Apr 2024 08:00:00 GMT';
    const old = 'Sun, 28 Apr 2024 08:00:00 GMT';
    expect(isNotModified(h({ 'if-none-match': '"abc"', 'if-modified-since': ok }), v)).toBe(true);
    expect(isNotModified(h({ 'if-none-match': '"abc"', 'if-modified-since': old }), v)).toBe(false);
    expect(isNotModified(h({ 'if-none-match': '"zzz"', 'if-modified-since': ok }), v)).toBe(false);
  });
});
