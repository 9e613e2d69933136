/**
 * A token bucket per (route, caller): `perMinute` requests a minute, refilled continuously, with
 * a burst of the same size: the route table's `rateLimitPerMinute`, per caller. In AWS the same
 * limit is a WAF rate-based rule on CloudFront (infra/waf-rules.ts), counted over a 60 s window;
 * API Gateway only throttles a route for all callers (the table's `throttle`), which the local
 * stack does not emulate. The map is bounded so that
 * many callers cannot grow it without limit.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {}

  /** Takes one token; returns the seconds to wait when there is none (0 = allowed). */
  take(key: string, perMinute: number): number {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, at: t };
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((t - bucket.at) / 60_000) * perMinute);
    bucket.at = t;
    if (this.buckets.size >= this.maxKeys && !this.buckets.has(key)) this.buckets.clear();
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / perMinute) * 60);
  }
}
