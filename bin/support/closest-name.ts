// "Did you mean …": the known name nearest a mistyped one, by Levenshtein distance.
// Written here: a dozen lines, and a dependency would be loaded by every mistyped command for no gain.

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length] as number;
}

/**
 * The name in `names` nearest `input` (edit distance at most 2, ties to the first listed), or undefined.
 *
 * @example
 * closestName('biuld', ['serve', 'build', 'ingest']) //=> 'build'
 * closestName('deploy', ['serve', 'build']) //=> undefined
 */
export function closestName(input: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of names) {
    const d = distance(input.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}
