// Runs the ArticleStore contract against FileArticleStore, each test in a fresh temp folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { FileArticleStore } from '../../lambda/adapters/file-article-store.ts';
import { describeArticleStoreContract } from './article-store.contract.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describeArticleStoreContract(
  'FileArticleStore',
  async (clock) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nashra-file-contract-'));
    dirs.push(dir);
    return new FileArticleStore({ directory: dir, clock });
  },
  { propertyRuns: 10 },
);
