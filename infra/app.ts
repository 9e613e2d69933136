/**
 * CDK app entry (`cdk.json`: `npx tsx infra/app.ts`). Context keys are documented in
 * README.md ("Deploying to AWS"); without any, the stack synthesizes offline and environment-agnostic.
 */
import { buildApp } from './build-app';

buildApp().app.synth();
