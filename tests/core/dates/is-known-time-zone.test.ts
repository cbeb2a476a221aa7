// isKnownTimeZone: canonical names come from Intl's list (cheap at start), aliases and spellings Intl accepts still pass.
import { describe, expect, it } from 'vitest';
import { isKnownTimeZone } from '../../../lambda/core/dates/index.ts';

describe('isKnownTimeZone', () => {
  it.each(['Asia/Riyadh', 'Africa/Casablanca', 'UTC', 'Asia/Calcutta', 'Etc/GMT-3', 'asia/riyadh'])('accepts %s', (zone) => {
    expect(isKnownTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Olympus', '', 'Asia/Riyadh ', 'GMT+3:00x'])('refuses %j', (zone) => {
    expect(isKnownTimeZone(zone)).toBe(false);
  });
});
