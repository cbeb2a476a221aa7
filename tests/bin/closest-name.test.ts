// closestName: the "did you mean" suggestion, by edit distance at most 2.
import { describe, expect, it } from 'vitest';
import { closestName } from '../../bin/support/closest-name.ts';

const COMMANDS = ['serve', 'build', 'ingest', 'dates', 'init', 'help'];

describe('closestName', () => {
  it.each([
    ['biuld', 'build'], // a swap is two edits
    ['buil', 'build'],
    ['BUILD', 'build'],
    ['date', 'dates'],
    ['ingets', 'ingest'],
    ['--ot', '--out'],
  ])('%s → %s', (typed, expected) => {
    expect(closestName(typed, [...COMMANDS, '--out', '--tz'])).toBe(expected);
  });

  it('suggests nothing three edits away or more', () => {
    expect(closestName('deploy', COMMANDS)).toBeUndefined();
    expect(closestName('bxxxd', COMMANDS)).toBeUndefined();
  });

  it('prefers the nearest, then the first listed', () => {
    expect(closestName('hell', ['help', 'held'])).toBe('help');
    expect(closestName('inat', ['init', 'inst'])).toBe('init');
  });
});
