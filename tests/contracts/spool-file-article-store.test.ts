// Runs the ArticleStore contract against SpoolFileArticleStore, each test in a fresh temp folder, with tiny sort runs so every listing merges several.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { SpoolFileArticleStore } from '../../lambda/adapters/spool-file-article-store.ts';
import { describeArticleStoreContract } from './article-store.contract.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describeArticleStoreContract(
  'SpoolFileArticleStore',
  async (clock) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nashra-spool-contract-'));
    dirs.push(dir);
    return new SpoolFileArticleStore({ directory: dir, clock, runSize: 3 });
  },
  { propertyRuns: 10 },
);
