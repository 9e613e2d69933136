import { writeFileSync } from 'node:fs';
import { openapiYaml } from './openapi-yaml';

/** `npm run openapi`: rewrites openapi.yaml from the route table and its contracts. */
writeFileSync('openapi.yaml', openapiYaml());
console.log('openapi.yaml written');
