import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure, no AWS, no network) and `integration` (the real handlers through
// the local gateway, against DynamoDB Local and s3rver started once by the global setup).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 30_000,
          // Unit tests call handlers directly, as no gateway would. In one run with `integration`,
          // the local stack started by its global setup puts the origin secret in this process's
          // environment, which the unit workers would inherit and so answer 403 (shared/http/origin-guard.ts).
          env: { ORIGIN_VERIFY: '' },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/build-web.ts', 'test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
