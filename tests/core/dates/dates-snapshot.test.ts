// docs/dates-snapshot.md: every row round-trips, and the committed file matches a fresh render.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datesSnapshotRows, renderDatesSnapshot, SNAPSHOT_PATH } from '../../../scripts/dates-snapshot.ts';

describe('dates snapshot', () => {
  it('every row round-trips', () => {
    const failed = datesSnapshotRows().flatMap(([, , rows]) =>
      rows.filter((r) => !r.ok).map((r) => `${r.input} → ${JSON.stringify(r.result)}`),
    );
    expect(failed).toEqual([]);
  });

  it('the committed docs/dates-snapshot.md is current (regenerate with npx tsx scripts/dates-snapshot.ts)', () => {
    expect(readFileSync(SNAPSHOT_PATH, 'utf8')).toBe(renderDatesSnapshot());
  });
});
