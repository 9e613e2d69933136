import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
const spec = parse(readFileSync('openapi.yaml', 'utf8'));
for (const [path, item] of Object.entries<any>(spec.paths)) for (const [m, op] of Object.entries<any>(item)) {
  if (m === 'parameters') { console.log(path, 'PATH PARAMS', JSON.stringify(op)); continue; }
  const { summary, description, operationId, tags, responses, requestBody, parameters, security, ...rest } = op;
  console.log(`\n## ${m.toUpperCase()} ${path} ${operationId} [${tags}] ${JSON.stringify(rest)}`);
  console.log(' params', JSON.stringify(parameters));
  console.log(' body', JSON.stringify(requestBody));
  for (const [s, r] of Object.entries<any>(responses)) console.log(' ', s, JSON.stringify(r).slice(0, 400));
}
