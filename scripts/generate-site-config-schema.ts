// Writes schemas/site-config.schema.json from the zod schema in lambda/core/config (run: npx tsx scripts/generate-site-config-schema.ts).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { siteConfigJsonSchema } from '../lambda/core/config/index.ts';

const out = path.resolve(import.meta.dirname, '../schemas/site-config.schema.json');
writeFileSync(out, `${JSON.stringify(siteConfigJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
