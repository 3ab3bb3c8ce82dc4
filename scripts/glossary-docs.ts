/** Writes docs/glossary.md from src/report/glossary.ts, the definitions the app shows. */
import { writeFileSync } from 'node:fs';
import { glossaryMarkdown } from '../src/report/glossary.js';

writeFileSync(new URL('../docs/glossary.md', import.meta.url), glossaryMarkdown());
