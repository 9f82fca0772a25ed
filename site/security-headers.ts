/**
 * The site's security headers, declared once: CloudFront's response headers policy and the local
 * server both send exactly these.
 */
export const SECURITY_HEADERS = {
  strictTransportSecurity: { maxAgeSeconds: 31536000, includeSubdomains: true, preload: true },
  /** Only the site itself: no third-party scripts, styles, frames or connections. */
  contentSecurityPolicy: [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; "),
  frameOptions: "DENY",
  referrerPolicy: "strict-origin-when-cross-origin",
} as const;

/** The same headers as HTTP header lines. */
export function securityHeaderValues(): Record<string, string> {
  const hsts = SECURITY_HEADERS.strictTransportSecurity;
  return {
    "Strict-Transport-Security": `max-age=${hsts.maxAgeSeconds}${hsts.includeSubdomains ? "; includeSubDomains" : ""}${hsts.preload ? "; preload" : ""}`,
    "Content-Security-Policy": SECURITY_HEADERS.contentSecurityPolicy,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": SECURITY_HEADERS.frameOptions,
    "Referrer-Policy": SECURITY_HEADERS.referrerPolicy,
  };
}
