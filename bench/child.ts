/**
 * Runs one benchmark section in its own process (own heap, own peak RSS, own CPU profile):
 * `tsx bench/child.ts <section>`; the section's figures go as JSON to the file named by BENCH_OUT.
 */
import { writeFileSync } from 'node:fs';

const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name)) throw new Error(`usage: tsx bench/child.ts <section>`);
const section = (await import(`./sections/${name}.ts`)) as { run(): Promise<Record<string, unknown>> };
const result = await section.run();
if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(result));
else console.log(JSON.stringify(result, null, 2));
// Signers, pools and emulator clients may hold handles open; the section is done.
process.exit(0);
